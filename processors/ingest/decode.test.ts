// The one-pass screen (decode.ts `isScreened`) stands in for two checks: a record it clears must need neither
// the pollution reviver nor credential redaction, in itself nor in any row sliced or re-serialised from it
// (mappings/sources/types.ts `jsonTextScreened`). Pinned on texts built to sit near both patterns.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactJsonMembers } from "../../mappings/schema/original.ts";
import { goldenCases, goldenRecords } from "../../mappings/sources/golden.ts";
import { isScreened, parseJson } from "./decode.ts";

const near = fc.constantFrom(
  "password",
  "Pass_Word",
  "x.TOKEN",
  "api_key",
  "apiKey",
  "client_signature",
  "__proto__",
  "Constructor",
  "prototype",
  "proto",
  "\\u0041",
  "a\\",
  'q\\"',
  "name",
);
const key = fc.tuple(fc.constantFrom("", "zeek.", "a_", "b-", 'x\\"', "k"), near).map(([p, w]) => p + w);
const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), near);

describe("isScreened", () => {
  it("clears only texts that need neither the reviver nor redaction, nor do their rows", () => {
    const texts = goldenCases()
      .flatMap(goldenRecords)
      .filter((r) => !r.tsvHeader)
      .map((r) => String(r.value));
    const built = fc.sample(
      fc.tuple(fc.array(fc.tuple(key, value), { maxLength: 5 }), fc.boolean()).map(([members, spaced]) => {
        const row = `{${members.map(([k, v]) => `"${k}"${spaced ? " : " : ":"}${JSON.stringify(v)}`).join(",")}}`;
        return `{"records":[${row}]}`;
      }),
      { numRuns: 3000, seed: 20260104 },
    );
    let cleared = 0;
    for (const text of [...texts, ...built]) {
      if (!isScreened(text)) continue;
      cleared++;
      expect(redactJsonMembers(text)).toBe(text);
      const parsed = parseJson(text, 64);
      if (!parsed.ok) continue;
      const revived = JSON.parse(text, (k, v) =>
        k === "__proto__" || k === "constructor" || k === "prototype" ? undefined : v,
      );
      expect(parsed.value).toEqual(revived);
      for (const row of (parsed.value as { records?: unknown[] }).records ?? []) {
        const again = JSON.stringify(row);
        expect(redactJsonMembers(again)).toBe(again);
      }
    }
    expect(cleared).toBeGreaterThan(100);
  });
});
