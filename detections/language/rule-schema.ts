// The rule model every rule file loads into, TypeScript (`*.rule.ts`, via defineRule) or YAML (`*.rule.yaml`).
// Common fields are checked here; the kind's own parameters live under a key named after the kind
// (`sequence: {...}`) and are checked by that kind's schema (detections/kinds/<kind>/schema.ts).
import { z } from "zod";
import { Severity } from "../shared/incident.ts";
import { KeyField } from "../shared/keys.ts";
import { Condition } from "./condition.ts";
import { isDuration } from "./duration.ts";
import { FIELD_PATH } from "./field-path.ts";

export const Duration = z.string().refine(isDuration, 'duration such as "90s", "15m", "24h", "7d"');
export const FieldPath = z.string().regex(FIELD_PATH, "dotted ECS field path such as source.ip");
/** Key fields: tried in order, the first with a value wins ("site.source.host.id", then "source.ip"). */
export const KeyFields = z.array(FieldPath).min(1);

/** Stable rule ids: "GW-" plus four digits, never reused (retired rules keep theirs in _deprecated/). */
export const RULE_ID = /^GW-\d{4}$/;

export const Exception = z
  .strictObject({
    /** Why the exception exists and who approved it. */
    comment: z.string().min(1),
    /** Value list: events whose field has one of these values are ignored by the rule. */
    field: FieldPath.optional(),
    values: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional(),
    /** Or any condition: matching events are ignored by the rule. */
    where: Condition.optional(),
  })
  .refine((e) => (e.field !== undefined && e.values !== undefined) !== (e.where !== undefined), {
    message: "an exception has either field + values or where",
  });
export type Exception = z.infer<typeof Exception>;

export const Suppression = z.strictObject({
  /** Hits with the same values of these fields update one open incident instead of opening new ones
   * (all required; "a|b" = first present of a, b). */
  group_by: z.array(KeyField).min(1).max(5),
  /** How long (event time, from the incident's first hit) the incident stays open to updates. */
  duration: Duration,
  /** When a group_by field is missing: group under "-" (suppress) or open separate incidents. */
  missing_fields: z.enum(["suppress", "do_not_suppress"]).default("suppress"),
});
export type Suppression = z.infer<typeof Suppression>;

export const SeverityOverride = z.strictObject({
  field: FieldPath,
  equals: z.union([z.string(), z.number(), z.boolean()]),
  severity: Severity.optional(),
  risk_score: z.number().min(0).max(100).optional(),
});

export const KINDS = ["match", "sequence", "threshold", "distinct", "new_terms", "risk", "path"] as const;
export type KindId = (typeof KINDS)[number];

export const RuleCommon = z.object({
  id: z.string().regex(RULE_ID, 'rule id must look like "GW-0001"'),
  version: z.number().int().positive(),
  title: z.string().min(5).max(120),
  description: z.string().min(20),
  author: z.array(z.string().min(1)).min(1),
  maturity: z.enum(["experimental", "stable", "deprecated"]),
  created: z.iso.date(),
  updated: z.iso.date(),
  severity: Severity,
  risk_score: z.number().int().min(0).max(100),
  /** Per-event overrides, first match wins (e.g. EDR alert severity mapped onto the incident). */
  severity_overrides: z.array(SeverityOverride).default([]),
  /** Take the risk score from a numeric event field when present (clamped to 0..100). */
  risk_score_from: FieldPath.optional(),
  /** ATT&CK technique ids: ICS (T08xx) and, for IT steps, Enterprise (T1xxx[.yyy]). Names come from the catalog. */
  attack: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/, "technique id such as T0843 or T1021.001")).min(1),
  references: z.array(z.url()).min(1),
  false_positives: z.array(z.string().min(1)).min(1),
  /** Triage note for the analyst. */
  note: z.string().optional(),
  tags: z.array(z.string()).default([]),
  exceptions: z.array(Exception).default([]),
  suppression: Suppression.optional(),
  /** Evidence events kept on the incident (oldest first). */
  evidence_limit: z.number().int().min(1).max(50).default(10),
  /** Incident message; "{field.path}" placeholders are filled from the first evidence event, "{key}" from the key. */
  message: z.string().optional(),
  kind: z.enum(KINDS),
});
export type RuleCommon = z.infer<typeof RuleCommon>;

/** A rule as written: common fields plus `<kind>: params`. */
export type RuleDefinition = z.input<typeof RuleCommon> & { [param: string]: unknown };
