// The incident model the detection engine emits: what was found, about whom, with which evidence.
// It is gapwatch's internal form; processors/incident shapes it into the ECS document that Elasticsearch,
// Kibana and the webhooks see. The id is deterministic (rule, key, window) so reprocessing rewrites it.
import { z } from "zod";
import { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";

export const Severity = z.enum(["low", "medium", "high", "critical"]);
export type Severity = z.infer<typeof Severity>;

/** One hop of a pivot path, oldest first. */
export const PathHop = z.object({
  "@timestamp": z.iso.datetime({ offset: true }),
  host: z.object({ id: z.string().optional(), name: z.string().optional(), ip: z.string().optional() }),
  zone: z.object({ id: z.string(), level: z.number() }).optional(),
  /** How this hop was reached: "edr_alert", "rdp", "smb", "modbus/write", ... */
  via: z.string(),
});
export type PathHop = z.infer<typeof PathHop>;

export const Incident = z.object({
  /** Deterministic: hash of rule id, correlation key and window start. */
  id: z.string(),
  rule: z.object({
    id: z.string(),
    version: z.number().int().positive(),
    name: z.string(),
    description: z.string(),
    author: z.array(z.string()),
    references: z.array(z.string()),
    /** ATT&CK technique ids: ICS (T08xx) and Enterprise (T1xxx, sub-techniques T1xxx.yyy). */
    techniques: z.array(z.string()),
    ruleset: z.string(),
    kind: z.string(),
  }),
  severity: Severity,
  risk_score: z.number().min(0).max(100),
  /** The correlation key the incident belongs to (e.g. a host id, "10.60.0.11"). */
  key: z.string(),
  window_start: z.iso.datetime({ offset: true }),
  first_seen: z.iso.datetime({ offset: true }),
  last_seen: z.iso.datetime({ offset: true }),
  /** Events matched so far; grows while the window (or suppression period) is open. */
  count: z.number().int().positive(),
  /** Pivot path for sequence/path rules. */
  path: z.array(PathHop),
  /** Bounded sample of matching events, oldest first, each with its provenance (gapwatch.provenance). */
  evidence: z.array(CanonicalEvent),
  /** One sentence an analyst understands. */
  message: z.string(),
});
export type Incident = z.infer<typeof Incident>;
