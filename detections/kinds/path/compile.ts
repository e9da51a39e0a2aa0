import { compileCondition, type Predicate } from "../../language/condition.ts";
import { parseDuration } from "../../language/duration.ts";
import { compileField, type FieldGetter } from "../../language/field-path.ts";
import { compileKey, type KeyFunction } from "../../shared/keys.ts";
import type { PathParams } from "./schema.ts";

export interface PathPlan {
  start: { where: Predicate; key: KeyFunction };
  hop: { where: Predicate; from: KeyFunction; to: FieldGetter[] };
  target: { where: Predicate; from: KeyFunction };
  maxHops: number;
  minHops: number;
  maxAgeMs: number;
}

export function compilePath(params: PathParams, problems: string[]): PathPlan {
  if (params.min_hops > params.max_hops) problems.push("min_hops: must not exceed max_hops");
  return {
    start: { where: compileCondition(params.start.where, problems, "start.where"), key: compileKey(params.start.by) },
    hop: {
      where: compileCondition(params.hop.where, problems, "hop.where"),
      from: compileKey(params.hop.from),
      to: params.hop.to.map(compileField),
    },
    target: {
      where: compileCondition(params.target.where, problems, "target.where"),
      from: compileKey(params.target.from),
    },
    maxHops: params.max_hops,
    minHops: params.min_hops,
    maxAgeMs: parseDuration(params.max_age)!,
  };
}
