// Enrich stage configuration (STYLE.md 2): strict, every field described, defaults explicit. The site model
// itself is a separate YAML file (mappings/site/README.md); this is where it lives and how identity is bounded.
import { z } from "zod";
import { DEFAULT_IDENTITY_OPTIONS, type IdentityTableOptions } from "./identity/table.ts";
import { parseCidr } from "./net/ip.ts";

const seconds = (fallbackMs: number, text: string) =>
  z
    .number()
    .positive()
    .default(fallbackMs / 1000)
    .describe(text);

export const EnrichIdentityConfig = z
  .strictObject({
    maxIps: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_IDENTITY_OPTIONS.maxIps)
      .describe("IPs kept in the lease table (least recently updated evicted first)."),
    idleTtlSeconds: seconds(
      DEFAULT_IDENTITY_OPTIONS.idleTtlMs,
      "Wall-clock time after which an IP not updated is dropped.",
    ),
    leaseTtlSeconds: seconds(
      DEFAULT_IDENTITY_OPTIONS.leaseTtlMs,
      "Event time a host is taken to keep an IP after it was last seen with it.",
    ),
    backdateSeconds: z
      .number()
      .nonnegative()
      .default(DEFAULT_IDENTITY_OPTIONS.backdateMs / 1000)
      .describe(
        "Event time a host is taken to have held an IP before it was first seen with it (periodic EDR inventory, clock skew).",
      ),
    maxRunsPerIp: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_IDENTITY_OPTIONS.maxRunsPerIp)
      .describe("Holder intervals kept per IP (newest first)."),
    retentionSeconds: seconds(
      DEFAULT_IDENTITY_OPTIONS.retentionMs,
      "Holder intervals older than this (before the newest of the IP) are dropped.",
    ),
    publishGranularitySeconds: seconds(
      DEFAULT_IDENTITY_OPTIONS.publishGranularityMs,
      "An unchanged lease is re-published to the identity topic when extended by this much.",
    ),
    ignoreNetworks: z
      .array(z.string().refine((n) => parseCidr(n) !== undefined, "not a CIDR, e.g. 172.17.0.0/16"))
      .default(DEFAULT_IDENTITY_OPTIONS.ignoreNetworks)
      .describe(
        "CIDRs never learned from host.ip: container bridges, hypervisor host-only networks, VPN client pools.",
      ),
  })
  .refine((c) => c.backdateSeconds < c.leaseTtlSeconds, {
    message: "backdateSeconds must be shorter than leaseTtlSeconds",
    path: ["backdateSeconds"],
  })
  .refine((c) => c.leaseTtlSeconds <= c.retentionSeconds, {
    message: "leaseTtlSeconds must not exceed retentionSeconds (a lease would outlive its history)",
    path: ["leaseTtlSeconds"],
  })
  .describe("The IP -> EDR host lease table (identity resolution).");

export const EnrichConfig = z
  .strictObject({
    siteModel: z.string().min(1).describe("Path of the site-model YAML (zones, conduits, assets, identities)."),
    watch: z
      .boolean()
      .default(true)
      .describe("Reload the site model when the file changes; an invalid version is rejected and the old one kept."),
    reloadDebounceMs: z
      .number()
      .int()
      .nonnegative()
      .default(250)
      .describe("Quiet time after a file change before reloading."),
    reloadPollSeconds: z
      .number()
      .nonnegative()
      .default(30)
      .describe(
        "Also check the file's size/mtime this often (0: off), for file systems where change events are lost (NFS).",
      ),
    identity: EnrichIdentityConfig.default(EnrichIdentityConfig.parse({})),
  })
  .describe("Enrichment: site model and identity resolution.");
export type EnrichConfig = z.infer<typeof EnrichConfig>;

export function identityOptions(config: z.infer<typeof EnrichIdentityConfig>): IdentityTableOptions {
  return {
    maxIps: config.maxIps,
    idleTtlMs: config.idleTtlSeconds * 1000,
    leaseTtlMs: config.leaseTtlSeconds * 1000,
    backdateMs: config.backdateSeconds * 1000,
    maxRunsPerIp: config.maxRunsPerIp,
    retentionMs: config.retentionSeconds * 1000,
    publishGranularityMs: config.publishGranularitySeconds * 1000,
    ignoreNetworks: config.ignoreNetworks,
  };
}
