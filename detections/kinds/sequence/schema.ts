// `sequence`: ordered steps within maxspan (EQL `sequence ... with maxspan`, Sigma temporal_ordered), joined by
// a key per step (Sigma aliases: the EDR host id in step 1, the resolved source host of a Modbus flow in step 2)
// and by variables bound in earlier steps, cancelled by `until`, optionally ending in an absence
// ("not followed by X within T") that is decided only when the watermark closes the window.
import { z } from "zod";
import { Condition } from "../../language/condition.ts";
import { Duration, FieldPath } from "../../language/rule-schema.ts";
import { KeySpec } from "../../shared/keys.ts";

const VARIABLE = /^[a-z][a-z0-9_]*$/;

export const SequenceStep = z.strictObject({
  /** Label used in the path and messages ("edr_alert", "ics_write"). */
  name: z.string().regex(VARIABLE, "lowercase snake_case"),
  where: Condition,
  /** This step's key fields (defaults to the sequence's `by`). */
  by: KeySpec.optional(),
  /** Variables this step binds for later steps: { target: "destination.ip" }; read with equals_var. */
  bind: z.record(z.string().regex(VARIABLE), FieldPath).optional(),
});

export const SequenceParams = z.strictObject({
  by: KeySpec.optional(),
  maxspan: Duration,
  steps: z.array(SequenceStep).min(1).max(8),
  /** An event that cancels sequences in progress for the key (EQL `until`). */
  until: z.strictObject({ where: Condition, by: KeySpec.optional() }).optional(),
  /** The sequence fires only if no matching event follows the last step within `within`. */
  absent: z
    .strictObject({ name: z.string().regex(VARIABLE), where: Condition, by: KeySpec.optional(), within: Duration })
    .optional(),
  /** Partial matches kept per key; the oldest is dropped beyond it. */
  max_runs: z.number().int().min(1).max(256).default(16),
});
export type SequenceParams = z.infer<typeof SequenceParams>;
