// A cheap pre-filter per rule: the top-level event fields (`ot`, `process`, `site`, ...) without which no
// `where` of the rule can match. Every kind only considers events that satisfy at least one of its `where`
// conditions, so an event missing a guard field is skipped before any condition runs (most events are
// either EDR or OT-sensor records and miss half of the fields). Derived events bypass the guard.
import type { Condition } from "./condition.ts";

function required(condition: Condition): Set<string> {
  if ("all" in condition) {
    const out = new Set<string>();
    for (const c of condition.all) for (const f of required(c)) out.add(f);
    return out;
  }
  if ("any" in condition) return intersect(condition.any.map(required));
  if ("not" in condition) return new Set();
  if (condition.exists === false || condition.field.startsWith("@")) return new Set();
  return new Set([condition.field.split(".")[0]!]);
}

function intersect(sets: Set<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  return new Set([...sets[0]!].filter((f) => sets.every((s) => s.has(f))));
}

/** Every `where` condition anywhere in the kind parameters. */
export function whereConditions(node: unknown, out: Condition[] = []): Condition[] {
  if (Array.isArray(node)) for (const item of node) whereConditions(item, out);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "where") out.push(value as Condition);
      else whereConditions(value, out);
    }
  }
  return out;
}

/** Top-level fields an event must have for the rule to possibly use it. */
export function ruleGuard(params: unknown): string[] {
  const conditions = whereConditions(params);
  return [...intersect(conditions.map(required))].sort();
}
