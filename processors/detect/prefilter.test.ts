import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Condition, compileCondition } from "../../detections/language/condition.ts";
import { compileFilter, FieldValues, passes } from "./prefilter.ts";

// The pre-filter only skips work: it must never reject an event that one of the rule's conditions accepts.
const FIELDS = ["event.dataset", "ot.action", "host.ip"];
const VALUES = ["a", "b", "c", 1, true];
const value = fc.constantFrom(...VALUES);
const test = fc.oneof(
  fc.record({ field: fc.constantFrom(...FIELDS), equals: fc.oneof(value, fc.array(value, { minLength: 1 })) }),
  fc.record({ field: fc.constantFrom(...FIELDS), in: fc.array(value, { minLength: 1 }) }),
  fc.record({ field: fc.constantFrom(...FIELDS), exists: fc.boolean() }),
  fc.record({ field: fc.constantFrom(...FIELDS), prefix: fc.constantFrom("a", "b") }),
  fc.record({ field: fc.constantFrom(...FIELDS), equals: fc.constantFrom("A", "b"), nocase: fc.constant(true) }),
) as fc.Arbitrary<Condition>;
const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    test,
    fc.record({ all: fc.array(tie("c"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("c"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("c") }),
  ),
})).c;
const leaf = fc.option(fc.oneof(value, fc.array(value, { maxLength: 3 })), { nil: undefined });
const event = fc.record({
  event: fc.record({ dataset: leaf }),
  ot: fc.option(fc.record({ action: leaf }), { nil: undefined }),
  host: fc.record({ ip: leaf }),
});

describe("field-value pre-filter", () => {
  it("never rejects an event that one of the rule's where conditions accepts", () => {
    fc.assert(
      fc.property(
        fc.array(condition, { minLength: 1, maxLength: 3 }),
        fc.array(event, { maxLength: 8 }),
        (wheres, events) => {
          const fields = new FieldValues();
          const filter = compileFilter({ steps: wheres.map((where) => ({ where })) }, fields);
          const predicates = wheres.map((w) => compileCondition(w, []));
          for (const e of events) if (predicates.some((p) => p(e))) expect(passes(filter, fields, e)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("rejects events whose tested values cannot match", () => {
    const fields = new FieldValues();
    const filter = compileFilter({ where: { all: [{ field: "ot.action", in: ["write", "control"] }] } }, fields);
    expect(passes(filter, fields, { ot: { action: "read" } })).toBe(false);
    expect(passes(filter, fields, { ot: { action: ["read", "write"] } })).toBe(true);
    expect(passes(compileFilter({ where: { field: "ot.action", exists: true } }, fields), fields, {})).toBe(true);
  });

  it("keeps an event whose multi-valued field satisfies two tests of that field in one `all`", () => {
    // Found by the property above (seed 1904789997): the sets were intersected, which is right only for scalars.
    const fields = new FieldValues();
    const where = {
      all: [
        { field: "ot.action", equals: "b" },
        { field: "ot.action", equals: "a" },
      ],
    };
    const filter = compileFilter({ where }, fields);
    expect(compileCondition(where, [])({ ot: { action: ["b", "a"] } })).toBe(true);
    expect(passes(filter, fields, { ot: { action: ["b", "a"] } })).toBe(true);
  });
});
