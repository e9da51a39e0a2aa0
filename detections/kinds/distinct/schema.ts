// `distinct`: at least N distinct values of a field per key within a sliding window (Sigma value_count),
// e.g. one IT host touching many OT addresses (scanning).
import { z } from "zod";
import { Condition } from "../../language/condition.ts";
import { Duration, FieldPath } from "../../language/rule-schema.ts";
import { KeySpec } from "../../shared/keys.ts";

export const DistinctParams = z.strictObject({
  where: Condition,
  by: KeySpec,
  field: FieldPath,
  window: Duration,
  threshold: z.number().int().min(2).max(10_000),
});
export type DistinctParams = z.infer<typeof DistinctParams>;
