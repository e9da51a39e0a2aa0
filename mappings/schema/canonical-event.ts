// The canonical event (schema version 1): what every normaliser in mappings/sources produces and every later
// stage (enrich, detect, incident) reads. ECS names wherever ECS has them (ARCHITECTURE.md section 2); the
// ICS block that ECS lacks lives under `ot`, the site context added by enrichment under `site`.
// Documents are nested JSON objects like ECS documents; rules address fields by dotted path ("source.ip").
import { z } from "zod";

export const CANONICAL_SCHEMA_VERSION = "1";

/** Normalised ICS action (ARCHITECTURE.md section 2 plus the finer classes the issue asks for). */
export const OtAction = z.enum([
  "read",
  "write",
  "control",
  "program_download",
  "program_upload",
  "mode_change",
  "restart",
  "firmware",
  "config",
  "discovery",
  "auth",
  "diagnostic",
  "other",
]);
export type OtAction = z.infer<typeof OtAction>;

export const OtProtocol = z.enum([
  "modbus",
  "dnp3",
  "s7comm",
  "s7comm_plus",
  "enip_cip",
  "bacnet",
  "opcua",
  "iec104",
  "other",
]);
export type OtProtocol = z.infer<typeof OtProtocol>;

/** Where a record came from: enough to find the raw bytes again (Kafka coordinates or file and line). */
export const Provenance = z.strictObject({
  topic: z.string().optional(),
  partition: z.number().int().nonnegative().optional(),
  offset: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  /** Source family id of the normaliser that read it (mappings/sources/index.ts), e.g. "zeek", "sysmon". */
  format: z.string(),
  /** Detected schema generation, e.g. "icsnpp-modbus_detailed/G3b", "zeek-json/underscore", "fdr/ProcessRollup2". */
  schema: z.string(),
});
export type Provenance = z.infer<typeof Provenance>;

const ip = z.union([z.ipv4(), z.ipv6()]);
const port = z.number().int().min(0).max(65535);

const Endpoint = z.object({
  ip: ip.optional(),
  port: port.optional(),
  mac: z.string().optional(),
  domain: z.string().optional(),
});

/** Site context of one endpoint (added by processors/enrich; absent before enrichment). */
export const SiteEndpoint = z.object({
  asset: z
    .object({
      id: z.string(),
      name: z.string(),
      role: z.string(),
      criticality: z.string().optional(),
      vendor: z.string().optional(),
      model: z.string().optional(),
      attack_ics_asset: z.array(z.string()).optional(),
    })
    .optional(),
  zone: z
    .object({
      id: z.string(),
      name: z.string(),
      level: z.number(),
      kind: z.string(),
      sl_t: z.number().optional(),
      criticality: z.string().optional(),
    })
    .optional(),
  /** Effective Purdue level of the endpoint: the asset's own override, else its zone's (added by processors/enrich). */
  level: z.number().optional(),
  /** True when the IP falls in a known zone but matches no inventoried asset (inventory drift). */
  unknown_asset: z.boolean().optional(),
  /** The EDR host that held this IP at the event's time (identity lease table), when known. */
  host: z.object({ id: z.string(), name: z.string().optional(), via: z.enum(["lease", "site"]) }).optional(),
  /** The site-model identity behind the account seen (e.g. "alice" for CORP\alice). */
  identity: z.string().optional(),
});
export type SiteEndpoint = z.infer<typeof SiteEndpoint>;

export const ConduitVerdict = z.enum([
  "allowed",
  "intra_zone",
  "conduit_violation",
  "function_violation",
  "bypass",
  "out_of_window",
  "unknown_asset",
  "level_jump",
  "not_evaluated",
]);
export type ConduitVerdict = z.infer<typeof ConduitVerdict>;

export const CanonicalEvent = z.object({
  "@timestamp": z.iso.datetime({ offset: true }),
  event: z.object({
    kind: z.enum(["event", "alert", "signal", "metric", "state"]),
    category: z.array(z.string()).min(1),
    type: z.array(z.string()).optional(),
    action: z.string().optional(),
    dataset: z.string(),
    id: z.string().optional(),
    code: z.string().optional(),
    outcome: z.enum(["success", "failure", "unknown"]).optional(),
    severity: z.number().optional(),
    risk_score: z.number().optional(),
    ingested: z.iso.datetime({ offset: true }).optional(),
    /** Raw record, bounded (see mappings/schema/original.ts) and with credentials redacted. */
    original: z.string().optional(),
  }),
  observer: z.object({
    type: z.enum(["edr", "ot-sensor"]),
    vendor: z.string().optional(),
    product: z.string().optional(),
    name: z.string().optional(),
  }),
  host: z
    .object({
      id: z.string().optional(),
      name: z.string().optional(),
      hostname: z.string().optional(),
      ip: z.array(ip).optional(),
      mac: z.array(z.string()).optional(),
      os: z.object({ family: z.string().optional(), name: z.string().optional() }).optional(),
    })
    .optional(),
  source: Endpoint.optional(),
  destination: Endpoint.optional(),
  network: z
    .object({
      transport: z.string().optional(),
      protocol: z.string().optional(),
      direction: z.string().optional(),
      community_id: z.string().optional(),
    })
    .optional(),
  process: z
    .object({
      entity_id: z.string().optional(),
      pid: z.number().int().optional(),
      name: z.string().optional(),
      executable: z.string().optional(),
      command_line: z.string().optional(),
      parent: z
        .object({
          entity_id: z.string().optional(),
          pid: z.number().int().optional(),
          name: z.string().optional(),
          executable: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  user: z.object({ name: z.string().optional(), domain: z.string().optional(), id: z.string().optional() }).optional(),
  /** Windows logon details (ECS `winlog.logon.*`); type is the normalised name, e.g. "RemoteInteractive". */
  winlog: z.object({ logon: z.object({ type: z.string().optional(), id: z.string().optional() }) }).optional(),
  rule: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  threat: z
    .object({
      framework: z.string().optional(),
      technique: z.object({ id: z.array(z.string()).optional(), name: z.array(z.string()).optional() }).optional(),
      tactic: z.object({ name: z.array(z.string()).optional() }).optional(),
    })
    .optional(),
  related: z
    .object({
      ip: z.array(z.string()).optional(),
      hosts: z.array(z.string()).optional(),
      user: z.array(z.string()).optional(),
    })
    .optional(),
  /** ICS semantics (no ECS field set exists). */
  ot: z
    .object({
      protocol: OtProtocol,
      action: OtAction,
      function: z.object({ code: z.string().optional(), name: z.string().optional() }).optional(),
      is_request: z.boolean().optional(),
      unit_id: z.number().int().optional(),
      target: z.string().optional(),
      value: z.string().optional(),
      result: z.string().optional(),
    })
    .optional(),
  /** Site context (processors/enrich). */
  site: z
    .object({
      source: SiteEndpoint.optional(),
      destination: SiteEndpoint.optional(),
      conduit: z.object({
        verdict: ConduitVerdict,
        id: z.string().optional(),
        reasons: z.array(z.string()),
      }),
    })
    .optional(),
  labels: z.record(z.string(), z.string()).optional(),
  gapwatch: z.object({ schema_version: z.literal(CANONICAL_SCHEMA_VERSION), provenance: Provenance }),
});
export type CanonicalEvent = z.infer<typeof CanonicalEvent>;
