import { lookupTactic } from "../../../mappings/attack/catalog.ts";
import { compileCondition, type Predicate } from "../../language/condition.ts";
import { parseDuration } from "../../language/duration.ts";
import { compileField, type FieldGetter } from "../../language/field-path.ts";
import { compileKey, type KeyFunction } from "../../shared/keys.ts";
import type { RiskParams } from "./schema.ts";

export interface RiskContributionPlan {
  name: string;
  where: Predicate;
  key: KeyFunction;
  score: number;
  scoreField?: FieldGetter;
  tactics?: string[];
  cap: number;
  capBy?: FieldGetter;
}

export interface RiskPlan {
  windowMs: number;
  scoreThreshold: number;
  distinctTactics: number;
  contributions: RiskContributionPlan[];
}

export function compileRisk(params: RiskParams, problems: string[]): RiskPlan {
  const contributions = params.contributions.map((c, i): RiskContributionPlan => {
    for (const tactic of c.tactics ?? []) {
      if (!lookupTactic(tactic)) problems.push(`contributions[${i}].tactics: unknown ATT&CK tactic ${tactic}`);
    }
    const plan: RiskContributionPlan = {
      name: c.name,
      where: compileCondition(c.where, problems, `contributions[${i}].where`),
      key: compileKey(c.by),
      score: typeof c.score === "number" ? c.score : c.score.default,
      cap: c.cap,
    };
    if (typeof c.score !== "number") plan.scoreField = compileField(c.score.field);
    if (c.tactics) plan.tactics = c.tactics;
    if (c.cap_by) plan.capBy = compileField(c.cap_by);
    return plan;
  });
  return {
    windowMs: parseDuration(params.window)!,
    scoreThreshold: params.score_threshold ?? Number.POSITIVE_INFINITY,
    distinctTactics: params.distinct_tactics ?? Number.POSITIVE_INFINITY,
    contributions,
  };
}
