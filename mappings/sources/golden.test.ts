// The one golden test (STYLE.md §6): every case under mappings/sources/<family>.golden/ must produce exactly
// its `.expected.json`. Refresh with `UPDATE_GOLDEN=1 npx vitest run --project unit mappings/sources` and
// review the diff like code.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateFast } from "../../processors/ingest/validate.ts";
import { CanonicalEvent } from "../schema/canonical-event.ts";
import { goldenCases, runGoldenCase } from "./golden.ts";

const update = process.env.UPDATE_GOLDEN === "1";

describe("golden normalisation", () => {
  const cases = goldenCases();
  it("has cases for every source family", () => {
    const families = new Set(cases.map((c) => c.family));
    for (const f of ["zeek", "suricata", "malcolm", "elastic-defend", "winlogbeat", "crowdstrike-fdr", "mde"]) {
      expect(families.has(f), `no golden cases for ${f}`).toBe(true);
    }
  });
  for (const c of cases) {
    it(`${c.family}/${c.name}`, () => {
      const actual = runGoldenCase(c);
      for (const event of actual.events) {
        const parsed = CanonicalEvent.safeParse(event);
        expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues[0])).toBe(true);
        expect(validateFast(event as unknown as Record<string, unknown>)).toBeUndefined();
      }
      const text = `${JSON.stringify(actual, null, 2)}\n`;
      if (update || !existsSync(c.expected)) {
        writeFileSync(c.expected, text);
        if (!update) throw new Error(`wrote missing ${c.expected}; review it and re-run`);
        return;
      }
      expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(c.expected, "utf8")));
    });
  }
});
