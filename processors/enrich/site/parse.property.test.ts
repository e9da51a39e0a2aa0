// parseSiteModel never throws on hostile or broken input, and every issue it reports is located in the text.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plantFile } from "../fixtures/plant.ts";
import { parseSiteModel } from "./parse.ts";

const plant = readFileSync(plantFile, "utf8");
const lines = plant.split("\n");

describe("parseSiteModel on broken input", () => {
  it("returns issues (never throws) for arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const result = parseSiteModel(text, "fuzz.yaml");
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it("locates every issue of a mutated example plant within the file", () => {
    const mutation = fc.record({
      line: fc.nat(lines.length - 1),
      column: fc.nat(60),
      insert: fc.constantFrom("x", ": ", "- ", "{", "]", "\t", "999", "&a ", "*a", "'", "#"),
      cut: fc.nat(5),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const copy = [...lines];
        for (const m of mutations) {
          const l = copy[m.line]!;
          const at = Math.min(m.column, l.length);
          copy[m.line] = l.slice(0, at) + m.insert + l.slice(at + m.cut);
        }
        const result = parseSiteModel(copy.join("\n"), "mutated.yaml");
        if (result.ok) return;
        for (const issue of result.issues) {
          expect(issue.file).toBe("mutated.yaml");
          expect(issue.line, `${issue.path}: ${issue.message}`).toBeGreaterThanOrEqual(1);
          expect(issue.line!).toBeLessThanOrEqual(copy.length + 1);
        }
      }),
      { numRuns: 60 },
    );
  });
});
