// Property test: mutated versions of every golden record (JSON field mutations, byte corruption, TSV column
// damage) are thrown at ingestRecord. Whatever comes in, nothing escapes as an exception, every record ends
// up as events or dead letters, every event satisfies the canonical schema (so the fast validator never lets
// through what zod would reject) and every dead letter carries a known code and the exact original bytes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { goldenCases, goldenRecords } from "../../mappings/sources/golden.ts";
import { ingestRecord } from "./core.ts";
import { DEAD_LETTER_CODES } from "./reasons.ts";
import type { RawRecord } from "./types.ts";

const seeds: RawRecord[] = goldenCases().flatMap(goldenRecords);
const jsonSeeds = seeds.filter((s) => !s.tsvHeader);
const tsvSeeds = seeds.filter((s) => s.tsvHeader);
const codes = new Set<string>(DEAD_LETTER_CODES);
const encoder = new TextEncoder();

function check(raw: RawRecord): void {
  let result: ReturnType<typeof ingestRecord>;
  try {
    result = ingestRecord(raw, { ingestedAt: "2026-01-01T00:00:00Z" });
  } catch (error) {
    throw new Error(`ingestRecord threw on ${String(raw.value).slice(0, 300)}: ${error}`);
  }
  expect(result.events.length + result.deadLetters.length).toBeGreaterThan(0);
  for (const event of result.events) {
    const parsed = CanonicalEvent.safeParse(event);
    if (!parsed.success) {
      throw new Error(
        `invalid event ${JSON.stringify(parsed.error.issues[0])} from ${String(raw.value).slice(0, 300)}`,
      );
    }
  }
  const bytes = typeof raw.value === "string" ? encoder.encode(raw.value) : raw.value;
  for (const dl of result.deadLetters) {
    expect(codes.has(dl.code), dl.code).toBe(true);
    // A normaliser that throws is a bug even though ingestRecord contains it.
    if (dl.code === "normaliser_error") throw new Error(`${dl.reason} on ${String(raw.value).slice(0, 300)}`);
    expect(Buffer.from(dl.original, "base64").equals(Buffer.from(bytes))).toBe(true);
  }
}

type Json = unknown;
/** Sets `value` at a random path of a JSON object (creating nothing, only replacing or adding one key). */
function mutateJson(doc: Json, pathPick: number[], value: Json, mode: "set" | "delete" | "add"): Json {
  const clone = structuredClone(doc) as Record<string, Json>;
  let node: Record<string, Json> = clone;
  for (const pick of pathPick) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[pick % keys.length]!;
    const child = node[key];
    if (typeof child === "object" && child !== null && !Array.isArray(child) && pick % 3 !== 0) {
      node = child as Record<string, Json>;
      continue;
    }
    if (mode === "delete") delete node[key];
    else node[key] = value;
    return clone;
  }
  if (mode !== "delete") node[`k${pathPick.length}`] = value;
  return clone;
}

const interesting = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    "-",
    "(empty)",
    "",
    "XXXXXXXXXX.XXXXXX",
    "NaN",
    "1e400",
    "-1",
    "0x",
    "::1%eth0",
    "999.1.1.1",
    "T",
    "F",
    "__proto__",
    "\u0000",
    "\ud800",
  ),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e308, 70000, -1, 1.5, 0),
  fc.constantFrom({ __proto__: null }, [], [[[[[]]]]], { "#text": 4624 }),
);

describe("fuzzing the normalisers", () => {
  it("survives JSON field mutations (5,000 records)", () => {
    fc.assert(
      fc.property(
        fc.nat(jsonSeeds.length - 1),
        fc.array(fc.nat(50), { minLength: 1, maxLength: 4 }),
        interesting,
        fc.constantFrom("set", "delete", "add" as const),
        (seedIndex, pathPick, value, mode) => {
          const seed = jsonSeeds[seedIndex]!;
          const doc = JSON.parse(String(seed.value));
          check({
            value: JSON.stringify(mutateJson(doc, pathPick, value, mode as "set")),
            provenance: seed.provenance,
          });
        },
      ),
      { numRuns: 5000, seed: Number(process.env.FUZZ_SEED ?? 20260101) },
    );
  });

  it("survives byte-level corruption (3,000 records)", () => {
    fc.assert(
      fc.property(
        fc.nat(seeds.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (seedIndex, edits, truncate) => {
          const seed = seeds[seedIndex]!;
          const bytes = Buffer.from(String(seed.value));
          for (const [pos, byte] of edits) bytes[pos % bytes.length] = byte;
          const value = truncate ? bytes.subarray(0, edits[0]![0] % bytes.length) : bytes;
          check({ ...seed, value: new Uint8Array(value) });
        },
      ),
      { numRuns: 3000, seed: Number(process.env.FUZZ_SEED ?? 20260102) },
    );
  });

  it("survives damaged Zeek TSV columns (2,000 records)", () => {
    fc.assert(
      fc.property(
        fc.nat(tsvSeeds.length - 1),
        fc.nat(),
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.constantFrom("-", "(empty)", "T", "F", "0xZZ", "XXXXXXXXXX.XXXXXX", "1e999", "65536"),
        ),
        fc.constantFrom("replace", "drop", "extra" as const),
        (seedIndex, column, value, mode) => {
          const seed = tsvSeeds[seedIndex]!;
          const cols = String(seed.value).split("\t");
          const i = column % cols.length;
          if (mode === "replace") cols[i] = value.replace(/[\t\n]/g, " ");
          else if (mode === "drop") cols.splice(i, 1);
          else cols.splice(i, 0, value.replace(/[\t\n]/g, " "));
          check({ ...seed, value: cols.join("\t") });
        },
      ),
      { numRuns: 2000, seed: Number(process.env.FUZZ_SEED ?? 20260103) },
    );
  });
});
