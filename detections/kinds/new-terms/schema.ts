// `new_terms`: a value (or combination) never seen for a key before, after a learning period (Elastic new
// terms, in the stream): a new talker for a controller, a new ICS function code for a PLC.
import { z } from "zod";
import { Condition } from "../../language/condition.ts";
import { Duration, FieldPath } from "../../language/rule-schema.ts";
import { KeySpec } from "../../shared/keys.ts";

export const NewTermsParams = z.strictObject({
  where: Condition,
  by: KeySpec,
  /** The term: one value per field, combined. */
  fields: z.array(FieldPath).min(1).max(3),
  /** No hits until this long after the first event the rule saw on the partition (baseline). */
  learning_period: Duration,
  /** A term not seen for this long is forgotten and would be new again (default: never forgotten). */
  history: Duration.optional(),
  /** Terms remembered per key; beyond it the least recently seen are forgotten. */
  max_terms: z.number().int().min(1).max(10_000).default(512),
});
export type NewTermsParams = z.infer<typeof NewTermsParams>;
