// The IP -> EDR host lease table (data-formats.md section C). Learned from EDR telemetry (every non-loopback,
// non-link-local, non-virtual address in host.ip, plus the host's own side of EDR network events), bounded by
// an LRU of IPs, and replicated between instances as LeaseUpdate records on a compacted topic keyed by
// `ip|host`: `learn` returns the updates to publish, `apply` merges one read back (idempotent, any order).
// Static leases come from the site model (assets with edr_ids) and are used when the table knows nothing at t.
import { LRUCache } from "lru-cache";
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import { canonicalIp, formatIp, isNonRoutableHostIp, parseIp } from "../net/ip.ts";
import { createPrefixTrie } from "../net/prefix-trie.ts";
import type { SiteModel } from "../site/model.ts";
import { normaliseMac } from "./names.ts";
import { type HostRuns, observe, prune, type Run, type RunLimits, resolveAt, unionRuns } from "./runs.ts";

/** One (address, host) entry as published to the identity topic. Key: `${ip}|${host}`. */
export interface LeaseUpdate {
  /** A canonical IP, or `mac:` + a lower-case colon MAC (learned from host.mac, used where L2 is visible). */
  ip: string;
  host: string;
  name?: string;
  runs: Run[];
}

export interface IdentitySnapshot {
  version: 1;
  leases: LeaseUpdate[];
}

/** The compaction key of a lease update on the identity topic: one record per (IP, host). */
export function leaseKey(update: LeaseUpdate): string {
  return `${update.ip}|${update.host}`;
}

export interface ResolvedHost {
  id: string;
  name?: string;
  /** `lease`: learned from EDR telemetry at that time; `site`: the site model's static assignment. */
  via: "lease" | "site";
}

export interface IdentityTableOptions extends RunLimits {
  /** IPs kept (LRU). */
  maxIps: number;
  /** Wall-clock TTL of an IP not updated (LRU); event-time validity is leaseTtlMs. */
  idleTtlMs: number;
  /** An unchanged lease is re-published when it has been extended by this much since it was last published. */
  publishGranularityMs: number;
  /** Networks never learned: container bridges, hypervisor host-only adapters, VPN client pools. */
  ignoreNetworks: string[];
}

export const DEFAULT_IDENTITY_OPTIONS: IdentityTableOptions = {
  maxIps: 200_000,
  idleTtlMs: 7 * 86_400_000,
  leaseTtlMs: 24 * 3_600_000,
  backdateMs: 5 * 60_000,
  maxRunsPerIp: 16,
  retentionMs: 30 * 86_400_000,
  publishGranularityMs: 5 * 60_000,
  ignoreNetworks: ["172.17.0.0/16", "192.168.122.0/24", "192.168.56.0/24"],
};

export interface IdentityTable {
  learn(event: CanonicalEvent): LeaseUpdate[];
  apply(update: LeaseUpdate): void;
  /**
   * The EDR host that held the address (an IP, or `mac:<mac>`) at `timeMs`; with `site`, falls back to the site
   * model's static lease.
   */
  resolve(address: string, timeMs: number, site?: SiteModel): ResolvedHost | undefined;
  snapshot(): IdentitySnapshot;
  restore(snapshot: IdentitySnapshot): void;
  stats(): { ips: number; evictions: number; ambiguous: number };
}

/** Addresses that belong to the host itself in an EDR event. */
function ownAddresses(event: CanonicalEvent): string[] {
  const out = [...(event.host?.ip ?? [])];
  const direction = event.network?.direction;
  if (event.event.category.includes("network")) {
    if ((direction === "outbound" || direction === "egress") && event.source?.ip) out.push(event.source.ip);
    if ((direction === "inbound" || direction === "ingress") && event.destination?.ip) out.push(event.destination.ip);
  }
  return out;
}

/** The table's key of an address: a canonical IP, or `mac:` and the lower-case colon form of a MAC. */
export function addressKey(address: string): string | undefined {
  if (!address.startsWith("mac:")) return canonicalIp(address);
  const mac = normaliseMac(address.slice(4));
  return mac === undefined ? undefined : `mac:${mac}`;
}

/** Burnt-in unicast MACs only: locally administered ones are virtual adapters or randomised Wi-Fi addresses. */
function isLearnableMac(mac: string): boolean {
  const first = Number.parseInt(mac.slice(0, 2), 16);
  return (first & 0b11) === 0 && mac !== "00:00:00:00:00:00";
}

/** The site model's static lease: an inventoried asset with an EDR id. NAT'd addresses never resolve. */
export function siteLease(site: SiteModel, address: string): ResolvedHost | undefined {
  const key = addressKey(address);
  if (key === undefined) return undefined;
  const isMac = key.startsWith("mac:");
  if (!isMac && site.natTrie.lookup(key)) return undefined;
  const asset = isMac ? site.assetByMac.get(key.slice(4)) : site.assetByIp.get(key);
  const id = asset?.edrIds[0];
  return id === undefined ? undefined : { id, name: asset!.name, via: "site" };
}

export function createIdentityTable(overrides: Partial<IdentityTableOptions> = {}): IdentityTable {
  const options = { ...DEFAULT_IDENTITY_OPTIONS, ...overrides };
  let evictions = 0;
  let ambiguous = 0;
  const byIp = new LRUCache<string, HostRuns>({
    max: options.maxIps,
    ttl: options.idleTtlMs,
    updateAgeOnGet: false,
    dispose: (_value, _key, reason) => {
      if (reason === "evict" || reason === "expire") evictions++;
    },
  });
  // What was last published per `ip|host`, so steady telemetry does not republish every event.
  const published = new LRUCache<string, Run[]>({ max: options.maxIps });
  const ignored = createPrefixTrie<true>();
  for (const n of options.ignoreNetworks) ignored.insert(n, true);

  const hostsOf = (ip: string): HostRuns => {
    let hosts = byIp.get(ip);
    if (!hosts) {
      hosts = new Map();
      byIp.set(ip, hosts);
    }
    return hosts;
  };
  /** Re-sets a changed entry: restarts its idle TTL (in-place edits do not) and drops it when pruned empty. */
  const touch = (ip: string, hosts: HostRuns): void => {
    if (hosts.size === 0) byIp.delete(ip);
    else byIp.set(ip, hosts);
  };
  const updateOf = (ip: string, host: string, hosts: HostRuns): LeaseUpdate | undefined => {
    const entry = hosts.get(host);
    if (!entry) return undefined;
    const update: LeaseUpdate = { ip, host, runs: entry.runs.map((r) => ({ ...r })) };
    if (entry.name !== undefined) update.name = entry.name;
    return update;
  };
  const worthPublishing = (key: string, runs: Run[]): boolean => {
    const before = published.get(key);
    if (!before || before.length !== runs.length) return true;
    for (let i = 0; i < runs.length; i++) {
      const a = before[i]!;
      const b = runs[i]!;
      if (a.from !== b.from) return true;
      if (b.to - a.to >= options.publishGranularityMs || (i < runs.length - 1 && a.to !== b.to)) return true;
    }
    return false;
  };

  const apply = (update: LeaseUpdate): void => {
    const ip = addressKey(update.ip);
    if (ip === undefined) return;
    const hosts = hostsOf(ip);
    const entry = hosts.get(update.host);
    const runs = unionRuns(entry?.runs ?? [], update.runs);
    const name = update.name ?? entry?.name;
    hosts.set(update.host, name === undefined ? { runs } : { name, runs });
    prune(hosts, options);
    touch(ip, hosts);
  };

  return {
    learn(event) {
      if (event.observer.type !== "edr" || !event.host?.id) return [];
      const t = Date.parse(event["@timestamp"]);
      if (Number.isNaN(t)) return [];
      const host = event.host.id;
      const name = event.host.name ?? event.host.hostname;
      const updates: LeaseUpdate[] = [];
      const keys = new Set<string>();
      for (const raw of ownAddresses(event)) {
        const parsed = parseIp(raw);
        if (parsed && !isNonRoutableHostIp(parsed) && !ignored.lookupParsed(parsed)) keys.add(formatIp(parsed));
      }
      for (const raw of event.host.mac ?? []) {
        const mac = normaliseMac(raw);
        if (mac !== undefined && isLearnableMac(mac)) keys.add(`mac:${mac}`);
      }
      for (const ip of keys) {
        const hosts = hostsOf(ip);
        if (!observe(hosts, host, name, t)) continue;
        prune(hosts, options);
        touch(ip, hosts);
        const update = updateOf(ip, host, hosts);
        if (update && worthPublishing(`${ip}|${host}`, update.runs)) {
          published.set(`${ip}|${host}`, update.runs);
          updates.push(update);
        }
      }
      return updates;
    },
    apply,
    resolve(address, timeMs, site) {
      const key = addressKey(address);
      if (key === undefined) return undefined;
      if (site && !key.startsWith("mac:") && site.natTrie.lookup(key)) return undefined; // stands for many hosts
      const hosts = byIp.get(key);
      if (hosts) {
        const found = resolveAt(hosts, timeMs, options);
        if (found && "ambiguous" in found) {
          ambiguous++;
          return undefined;
        }
        if (found)
          return found.name === undefined
            ? { id: found.host, via: "lease" }
            : { id: found.host, name: found.name, via: "lease" };
      }
      return site ? siteLease(site, key) : undefined;
    },
    snapshot() {
      const leases: LeaseUpdate[] = [];
      for (const [ip, hosts] of byIp.entries()) {
        for (const host of hosts.keys()) leases.push(updateOf(ip, host, hosts)!);
      }
      return { version: 1, leases };
    },
    restore(snapshot) {
      byIp.clear();
      published.clear();
      for (const lease of snapshot.leases) apply(lease);
    },
    stats: () => ({ ips: byIp.size, evictions, ambiguous }),
  };
}
