import { type Bindings, compileCondition, type Predicate, variablesOf } from "../../language/condition.ts";
import { parseDuration } from "../../language/duration.ts";
import { compileField, type FieldGetter } from "../../language/field-path.ts";
import { compileKey, type KeyFunction } from "../../shared/keys.ts";
import type { SequenceParams } from "./schema.ts";

export interface SequenceStepPlan {
  name: string;
  where: Predicate;
  key: KeyFunction;
  bind: [string, FieldGetter][];
}

export interface SequencePlan {
  steps: SequenceStepPlan[];
  maxspanMs: number;
  until?: { where: Predicate; key: KeyFunction };
  absent?: { name: string; where: Predicate; key: KeyFunction; withinMs: number };
  maxRuns: number;
}

export type { Bindings };

export function compileSequence(params: SequenceParams, problems: string[]): SequencePlan {
  const keyOf = (by: string[] | undefined, where: string): KeyFunction => {
    const spec = by ?? params.by;
    if (!spec) {
      problems.push(`${where}.by: no key: set sequence.by or ${where}.by`);
      return () => [];
    }
    return compileKey(spec);
  };
  const bound = new Set<string>();
  const names = new Set<string>();
  const steps = params.steps.map((step, i): SequenceStepPlan => {
    const where = `steps[${i}]`;
    if (names.has(step.name)) problems.push(`${where}.name: duplicate step name "${step.name}"`);
    names.add(step.name);
    for (const variable of variablesOf(step.where)) {
      if (!bound.has(variable)) problems.push(`${where}.where: variable "${variable}" is not bound by an earlier step`);
    }
    const bind = Object.entries(step.bind ?? {}).map(([name, field]): [string, FieldGetter] => [
      name,
      compileField(field),
    ]);
    for (const [name] of bind) bound.add(name);
    return {
      name: step.name,
      where: compileCondition(step.where, problems, `${where}.where`),
      key: keyOf(step.by, where),
      bind,
    };
  });
  const plan: SequencePlan = { steps, maxspanMs: parseDuration(params.maxspan)!, maxRuns: params.max_runs };
  if (params.until) {
    plan.until = {
      where: compileCondition(params.until.where, problems, "until.where"),
      key: keyOf(params.until.by, "until"),
    };
  }
  if (params.absent) {
    for (const variable of variablesOf(params.absent.where)) {
      if (!bound.has(variable)) problems.push(`absent.where: variable "${variable}" is not bound by a step`);
    }
    plan.absent = {
      name: params.absent.name,
      where: compileCondition(params.absent.where, problems, "absent.where"),
      key: keyOf(params.absent.by, "absent"),
      withinMs: parseDuration(params.absent.within)!,
    };
  }
  if (steps.length < 2 && !plan.absent) problems.push("steps: a sequence needs two steps, or one step and `absent`");
  return plan;
}
