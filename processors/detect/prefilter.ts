// A per-rule pre-filter on field values, shared by all rules: most events match none of most rules' `where`
// conditions, and the rules test the same few fields (event.dataset, ot.action, ...) again and again. From
// each `where` condition we derive what it needs (field values from equals/in tests that must hold for the
// condition to hold); an event passes a rule when one of the rule's `where` conditions could hold. Each field
// is read once per event for all rules. Like the guard (detections/language/guard.ts) it relies on every kind
// considering only events that satisfy at least one of its `where` conditions, and it never rejects an event
// the conditions would accept (it only skips work): it is a necessary condition, not a new one.
import type { Condition } from "../../detections/language/condition.ts";
import { compileSome } from "../../detections/language/field-path.ts";
import { whereConditions } from "../../detections/language/guard.ts";

/** field index -> accepted values (String of the event value, exactly as equals/in compare). */
type Conjunction = [number, Set<string>][];

export interface RuleFilter {
  /** The rule may use the event when any conjunction holds; undefined: every event passes. */
  conjunctions: Conjunction[] | undefined;
}

/** One predicate for every read (no closure per event): appends each value to `collected`, visits all. */
let collected: string[] = [];
const collect = (v: string | number | boolean): boolean => {
  collected.push(String(v));
  return false;
};

export class FieldValues {
  readonly fields: string[] = [];
  readonly #readers: ((event: unknown, pred: (v: string | number | boolean) => boolean) => boolean)[] = [];
  #event: unknown;
  #values: (string[] | undefined)[] = [];

  index(field: string): number {
    let i = this.fields.indexOf(field);
    if (i < 0) {
      i = this.fields.push(field) - 1;
      this.#readers.push(compileSome(field));
    }
    return i;
  }

  /** Forgets what was read (the engine calls it before evaluating each event: a caller may reuse objects). */
  reset(): void {
    this.#event = undefined;
  }

  /** Every value at the field (all of them, arrays flattened), as strings, read once per event. */
  values(event: unknown, i: number): string[] {
    if (event !== this.#event) {
      this.#event = event;
      this.#values = [];
    }
    let out = this.#values[i];
    if (out === undefined) {
      out = [];
      collected = out;
      this.#readers[i]!(event, collect);
      this.#values[i] = out;
    }
    return out;
  }
}

/** What the condition needs: field -> values one of which the field must have; empty when nothing is known. */
function needs(condition: Condition): Map<string, Set<string>> {
  if ("all" in condition) {
    const out = new Map<string, Set<string>>();
    for (const child of condition.all) {
      // Two tests of one field: keep the first set. Intersecting them would be wrong for a field holding several
      // values (`ot.action: [a, b]` satisfies `= a` and `= b`); either set alone is still a necessary condition.
      for (const [field, values] of needs(child)) if (!out.has(field)) out.set(field, values);
    }
    return out;
  }
  if ("any" in condition) {
    const children = condition.any.map(needs);
    const out = new Map<string, Set<string>>();
    for (const field of children[0]?.keys() ?? []) {
      if (children.every((c) => c.has(field))) out.set(field, new Set(children.flatMap((c) => [...c.get(field)!])));
    }
    return out;
  }
  if ("not" in condition || condition.nocase) return new Map();
  const wanted = condition.equals ?? condition.in;
  if (wanted === undefined) return new Map();
  return new Map([[condition.field, new Set((Array.isArray(wanted) ? wanted : [wanted]).map(String))]]);
}

export function compileFilter(params: unknown, fields: FieldValues): RuleFilter {
  const conjunctions: Conjunction[] = [];
  for (const where of whereConditions(params)) {
    const need = needs(where);
    if (need.size === 0) return { conjunctions: undefined };
    conjunctions.push([...need].map(([field, values]) => [fields.index(field), values]));
  }
  return { conjunctions: conjunctions.length === 0 ? undefined : conjunctions };
}

export function passes(filter: RuleFilter, fields: FieldValues, event: unknown): boolean {
  const conjunctions = filter.conjunctions;
  if (conjunctions === undefined) return true;
  for (const conjunction of conjunctions) {
    let ok = true;
    for (const [i, accepted] of conjunction) {
      if (!anyIn(fields.values(event, i), accepted)) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

function anyIn(values: readonly string[], accepted: ReadonlySet<string>): boolean {
  for (const v of values) if (accepted.has(v)) return true;
  return false;
}
