// `threshold`: at least N matching events per key within a sliding window (Sigma event_count, Elastic threshold,
// but sliding in event time instead of per scheduled run).
import { z } from "zod";
import { Condition } from "../../language/condition.ts";
import { Duration } from "../../language/rule-schema.ts";
import { KeySpec } from "../../shared/keys.ts";

export const ThresholdParams = z.strictObject({
  where: Condition,
  by: KeySpec,
  window: Duration,
  /** Fires when the count within the window reaches this value. */
  threshold: z.number().int().min(2).max(100_000),
});
export type ThresholdParams = z.infer<typeof ThresholdParams>;
