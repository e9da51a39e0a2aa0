// Runs the golden cases: every `<family>.golden/<case>.<ext>` input through the real ingest path (TSV files
// through the ZeekTsvReader, `.ndjson` one record per line, `.json` one pretty-printed record) with fixed
// ingest time, producing what `<case>.expected.json` must contain. Shared by the golden test and by the
// FORMATS.md generator, so the table describes exactly what the tests pin.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ingestRecord } from "../../processors/ingest/core.ts";
import type { IngestResult, RawRecord } from "../../processors/ingest/types.ts";
import { readZeekTsv } from "../../processors/ingest/zeek-tsv-reader.ts";

export const SOURCES_DIR = path.dirname(fileURLToPath(import.meta.url));
export const GOLDEN_INGESTED_AT = "2026-01-01T00:00:00.000Z";

export interface GoldenCase {
  family: string;
  name: string;
  input: string;
  expected: string;
}

export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const dir of readdirSync(SOURCES_DIR)
    .filter((d) => d.endsWith(".golden"))
    .sort()) {
    const family = dir.slice(0, -".golden".length);
    for (const file of readdirSync(path.join(SOURCES_DIR, dir)).sort()) {
      if (file.endsWith(".expected.json")) continue;
      const name = file.replace(/\.(log|ndjson|json)$/, "");
      cases.push({
        family,
        name,
        input: path.join(SOURCES_DIR, dir, file),
        expected: path.join(SOURCES_DIR, dir, `${name}.expected.json`),
      });
    }
  }
  return cases;
}

export function goldenRecords(c: GoldenCase): RawRecord[] {
  const text = readFileSync(c.input, "utf8");
  const file = path.relative(SOURCES_DIR, c.input);
  if (c.input.endsWith(".log")) return [...readZeekTsv(text, { file })];
  if (c.input.endsWith(".json")) return [{ value: JSON.stringify(JSON.parse(text)), provenance: { file, line: 1 } }];
  return text
    .split("\n")
    .map((line, i) => ({ value: line, provenance: { file, line: i + 1 } }))
    .filter((r) => r.value.trim() !== "");
}

export function runGoldenCase(c: GoldenCase): IngestResult {
  const out: IngestResult = { events: [], deadLetters: [] };
  for (const raw of goldenRecords(c)) {
    const result = ingestRecord(raw, { ingestedAt: GOLDEN_INGESTED_AT, validation: "schema" });
    out.events.push(...result.events);
    out.deadLetters.push(...result.deadLetters);
  }
  return out;
}
