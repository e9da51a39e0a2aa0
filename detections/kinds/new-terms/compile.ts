import { compileCondition, type Predicate } from "../../language/condition.ts";
import { parseDuration } from "../../language/duration.ts";
import { compileField, type FieldGetter } from "../../language/field-path.ts";
import { compileKey, type KeyFunction } from "../../shared/keys.ts";
import type { NewTermsParams } from "./schema.ts";

export interface NewTermsPlan {
  where: Predicate;
  key: KeyFunction;
  fields: FieldGetter[];
  fieldNames: string[];
  learningMs: number;
  historyMs: number;
  maxTerms: number;
}

export function compileNewTerms(params: NewTermsParams, problems: string[]): NewTermsPlan {
  return {
    where: compileCondition(params.where, problems),
    key: compileKey(params.by),
    fields: params.fields.map(compileField),
    fieldNames: params.fields,
    learningMs: parseDuration(params.learning_period)!,
    historyMs: params.history ? parseDuration(params.history)! : Number.POSITIVE_INFINITY,
    maxTerms: params.max_terms,
  };
}
