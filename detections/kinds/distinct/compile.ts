import { compileCondition, type Predicate } from "../../language/condition.ts";
import { parseDuration } from "../../language/duration.ts";
import { compileField, type FieldGetter } from "../../language/field-path.ts";
import { compileKey, type KeyFunction } from "../../shared/keys.ts";
import type { DistinctParams } from "./schema.ts";

export interface DistinctPlan {
  where: Predicate;
  key: KeyFunction;
  field: FieldGetter;
  fieldName: string;
  windowMs: number;
  threshold: number;
}

export function compileDistinct(params: DistinctParams, problems: string[]): DistinctPlan {
  return {
    where: compileCondition(params.where, problems),
    key: compileKey(params.by),
    field: compileField(params.field),
    fieldName: params.field,
    windowMs: parseDuration(params.window)!,
    threshold: params.threshold,
  };
}
