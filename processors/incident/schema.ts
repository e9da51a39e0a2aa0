// The ECS incident document (version 1): what Elasticsearch stores, Kibana shows, replay writes as NDJSON and the
// webhooks render. ECS field sets where ECS has them; gapwatch's own facts under `gapwatch.*`. Strict objects so a
// field added here without a mapping in mappings/elasticsearch fails the template conformance test, not production.
import { z } from "zod";
import { SiteEndpoint } from "../../mappings/schema/canonical-event.ts";

export const INCIDENT_DOCUMENT_VERSION = "1";

export const IncidentStatus = z.enum(["open", "acknowledged", "closed"]);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

const isoTime = z.iso.datetime({ offset: true });
const ip = z.union([z.ipv4(), z.ipv6()]);

/** Parallel arrays: element i of id, name and reference describe the same tactic or technique (ECS shape). */
const AttackRefs = z.strictObject({
  id: z.array(z.string()),
  name: z.array(z.string()),
  reference: z.array(z.string()),
});

export const ThreatEntry = z.strictObject({
  framework: z.enum(["MITRE ATT&CK for ICS", "MITRE ATT&CK"]),
  tactic: AttackRefs,
  technique: z.strictObject({
    id: z.array(z.string()),
    name: z.array(z.string()),
    reference: z.array(z.string()),
    subtechnique: AttackRefs.optional(),
  }),
});
export type ThreatEntry = z.infer<typeof ThreatEntry>;

const EcsEndpoint = z.strictObject({
  ip: ip.optional(),
  port: z.number().int().min(0).max(65535).optional(),
  mac: z.string().optional(),
  domain: z.string().optional(),
});

/** Site context of one side of the crossing: which asset and which zone (ECS has no field set for it). */
/**
 * Each side's site context: exactly the canonical event's SiteEndpoint (one definition), closed to unknown
 * keys because the index template is strict.
 */
export const SiteSide = SiteEndpoint.strict();
export type SiteSide = z.infer<typeof SiteSide>;

/** One hop of the pivot path, oldest first; `via` split into protocol and action when it reads "proto/action". */
export const PathHopDocument = z.strictObject({
  seq: z.number().int().nonnegative(),
  "@timestamp": isoTime,
  host: z.strictObject({ id: z.string().optional(), name: z.string().optional(), ip: ip.optional() }),
  zone: z.strictObject({ id: z.string(), level: z.number() }).optional(),
  via: z.string(),
  protocol: z.string().optional(),
  action: z.string().optional(),
});
export type PathHopDocument = z.infer<typeof PathHopDocument>;

export const Provenance = z.strictObject({
  topic: z.string().optional(),
  partition: z.number().int().optional(),
  offset: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  format: z.string(),
  schema: z.string(),
});

/** One piece of evidence: a few typed fields for queries, the whole event flattened, where it came from. */
export const EvidenceDocument = z.strictObject({
  "@timestamp": isoTime,
  dataset: z.string(),
  action: z.string().optional(),
  observer_type: z.string(),
  source_ip: ip.optional(),
  destination_ip: ip.optional(),
  host_name: z.string().optional(),
  provenance: Provenance,
  /** The canonical event without `event.original` and `gapwatch` (stored as an ES `flattened` field). */
  event: z.record(z.string(), z.unknown()),
  /** The raw record, truncated; stored, not indexed. */
  original: z.string().optional(),
});
export type EvidenceDocument = z.infer<typeof EvidenceDocument>;

export const IncidentDocument = z.strictObject({
  "@timestamp": isoTime,
  ecs: z.strictObject({ version: z.string() }),
  message: z.string().min(1),
  tags: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  event: z.strictObject({
    kind: z.literal("alert"),
    category: z.array(z.string()).min(1),
    type: z.array(z.string()).min(1),
    dataset: z.literal("gapwatch.incident"),
    module: z.literal("gapwatch"),
    id: z.string(),
    severity: z.number().int(),
    risk_score: z.number(),
    start: isoTime,
    end: isoTime,
    reason: z.string(),
    /** Set by the Elasticsearch sink at write time (wall clock); absent in replay output. */
    ingested: isoTime.optional(),
  }),
  rule: z.strictObject({
    id: z.string(),
    uuid: z.string(),
    name: z.string(),
    version: z.string(),
    description: z.string(),
    reference: z.string().optional(),
    author: z.array(z.string()),
    ruleset: z.string(),
    category: z.string(),
  }),
  threat: z.array(ThreatEntry),
  host: z
    .strictObject({
      id: z.string().optional(),
      name: z.string().optional(),
      hostname: z.string().optional(),
      ip: z.array(ip).optional(),
      mac: z.array(z.string()).optional(),
      os: z.strictObject({ family: z.string().optional(), name: z.string().optional() }).optional(),
    })
    .optional(),
  source: EcsEndpoint.optional(),
  destination: EcsEndpoint.optional(),
  network: z.strictObject({ transport: z.string().optional(), protocol: z.string().optional() }).optional(),
  user: z.strictObject({ name: z.string().optional(), domain: z.string().optional() }).optional(),
  related: z.strictObject({ ip: z.array(ip), hosts: z.array(z.string()), user: z.array(z.string()) }),
  gapwatch: z.strictObject({
    schema_version: z.literal(INCIDENT_DOCUMENT_VERSION),
    severity: z.enum(["low", "medium", "high", "critical"]),
    /** Analyst-owned: written on insert only (see upsert.ts). */
    status: IncidentStatus,
    /** Analyst-owned: written on insert only (see upsert.ts). */
    assignee: z.string().nullable(),
    key: z.string(),
    window_start: isoTime,
    first_seen: isoTime,
    last_seen: isoTime,
    count: z.number().int().positive(),
    rule: z.strictObject({ kind: z.string(), techniques: z.array(z.string()), references: z.array(z.string()) }),
    source: SiteSide.optional(),
    destination: SiteSide.optional(),
    conduit: z
      .strictObject({ verdict: z.string(), id: z.string().optional(), reasons: z.array(z.string()) })
      .optional(),
    /** Zone pairs crossed along the path and by the final flow, as "from → to". */
    zone_crossings: z.array(z.string()),
    /** The first crossing from IT (Purdue level ≥ 3.5) into OT (level ≤ 3), as "from → to". */
    it_ot_crossing: z.string().optional(),
    path: z.array(PathHopDocument),
    evidence: z.array(EvidenceDocument),
    /** Matching events not kept as evidence (count minus evidence kept). */
    evidence_omitted: z.number().int().nonnegative(),
  }),
});
export type IncidentDocument = z.infer<typeof IncidentDocument>;
