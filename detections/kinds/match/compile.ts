import { compileCondition, type Predicate } from "../../language/condition.ts";
import { compileKey, type KeyFunction } from "../../shared/keys.ts";
import type { MatchParams } from "./schema.ts";

export interface MatchPlan {
  where: Predicate;
  key: KeyFunction;
}

export function compileMatch(params: MatchParams, problems: string[]): MatchPlan {
  return { where: compileCondition(params.where, problems, "where"), key: compileKey(params.by) };
}
