// `risk`: risk-based alerting per entity (Splunk RBA, Elastic "alerts in different tactics"): contributions
// from IT (EDR alerts, with Enterprise techniques) and OT (conduit violations, engineering actions, with ICS
// techniques) accumulate per entity in a sliding window; escalate on a score or on N distinct tactics.
import { z } from "zod";
import { Condition } from "../../language/condition.ts";
import { Duration, FieldPath } from "../../language/rule-schema.ts";
import { KeySpec } from "../../shared/keys.ts";

export const RiskContribution = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  where: Condition,
  /** The entity this contribution is about (aliases per source: host.id for EDR, resolved host for OT). */
  by: KeySpec,
  /** Fixed score, or read from a numeric event field (e.g. event.risk_score) with a default. */
  score: z.union([
    z.number().min(0).max(100),
    z.strictObject({ field: FieldPath, default: z.number().min(0).max(100) }),
  ]),
  /** ATT&CK tactic ids credited; default: the tactics of the event's threat.technique.id in the catalog. */
  tactics: z.array(z.string().regex(/^TA\d{4}$/)).optional(),
  /** Most this contribution can add within the window (so one noisy source cannot escalate alone). */
  cap: z.number().min(0).default(100),
  /** Apply `cap` per value of this field instead (per contributing rule: `event.action` of signals). */
  cap_by: FieldPath.optional(),
});

export const RiskParams = z
  .strictObject({
    window: Duration,
    score_threshold: z.number().min(1).optional(),
    distinct_tactics: z.number().int().min(2).optional(),
    contributions: z.array(RiskContribution).min(1).max(32),
  })
  .refine((p) => p.score_threshold !== undefined || p.distinct_tactics !== undefined, {
    message: "set score_threshold, distinct_tactics or both",
  });
export type RiskParams = z.infer<typeof RiskParams>;
