import { compileCondition, type Predicate } from "../../language/condition.ts";
import { parseDuration } from "../../language/duration.ts";
import { compileKey, type KeyFunction } from "../../shared/keys.ts";
import type { ThresholdParams } from "./schema.ts";

export interface ThresholdPlan {
  where: Predicate;
  key: KeyFunction;
  windowMs: number;
  threshold: number;
}

export function compileThreshold(params: ThresholdParams, problems: string[]): ThresholdPlan {
  return {
    where: compileCondition(params.where, problems),
    key: compileKey(params.by),
    windowMs: parseDuration(params.window)!,
    threshold: params.threshold,
  };
}
