// Typed builders for `*.rule.ts` files: the TypeScript form of a rule is checked by the compiler as the
// author types it (field names, kind parameters), then loaded into the same model as the YAML form.
import type { z } from "zod";
import type { DistinctParams } from "../kinds/distinct/schema.ts";
import type { MatchParams } from "../kinds/match/schema.ts";
import type { NewTermsParams } from "../kinds/new-terms/schema.ts";
import type { PathParams } from "../kinds/path/schema.ts";
import type { RiskParams } from "../kinds/risk/schema.ts";
import type { SequenceParams } from "../kinds/sequence/schema.ts";
import type { ThresholdParams } from "../kinds/threshold/schema.ts";
import type { Condition, FieldTest } from "./condition.ts";
import type { KindId, RuleCommon } from "./rule-schema.ts";

export interface KindParams {
  match: z.input<typeof MatchParams>;
  sequence: z.input<typeof SequenceParams>;
  threshold: z.input<typeof ThresholdParams>;
  distinct: z.input<typeof DistinctParams>;
  new_terms: z.input<typeof NewTermsParams>;
  risk: z.input<typeof RiskParams>;
  path: z.input<typeof PathParams>;
}

export type RuleOf<K extends KindId> = Omit<z.input<typeof RuleCommon>, "kind"> & { kind: K } & {
  [P in K]: KindParams[P];
};

/** Identity at run time; gives the rule file full type checking. */
export function defineRule<K extends KindId>(rule: RuleOf<K>): RuleOf<K> {
  return rule;
}

type Value = string | number | boolean;

export const all = (...conditions: Condition[]): Condition => ({ all: conditions });
export const any = (...conditions: Condition[]): Condition => ({ any: conditions });
export const not = (condition: Condition): Condition => ({ not: condition });
export const eq = (field: string, value: Value | Value[]): FieldTest => ({ field, equals: value });
export const oneOf = (field: string, values: Value[]): FieldTest => ({ field, in: values });
export const prefix = (field: string, value: string | string[]): FieldTest => ({ field, prefix: value });
export const suffix = (field: string, value: string | string[], nocase = true): FieldTest => ({
  field,
  suffix: value,
  nocase,
});
export const contains = (field: string, value: string | string[], nocase = true): FieldTest => ({
  field,
  contains: value,
  nocase,
});
export const cidr = (field: string, value: string | string[]): FieldTest => ({ field, cidr: value });
export const exists = (field: string, present = true): FieldTest => ({ field, exists: present });
export const regex = (field: string, pattern: string, nocase = false): FieldTest => ({ field, regex: pattern, nocase });
export const lte = (field: string, value: number): FieldTest => ({ field, lte: value });
export const gte = (field: string, value: number): FieldTest => ({ field, gte: value });
/** The field equals a variable bound by an earlier sequence step. */
export const sameAs = (field: string, variable: string): FieldTest => ({ field, equals_var: variable });
