// Ingest throughput per source format: decode (UTF-8 bytes, as Kafka delivers them) + detect + normalise +
// validate, against bare JSON.parse of the same records in the same run (ratio = ingest records/s divided by
// JSON.parse records/s). Records are the golden fixtures of each family, repeated. Zeek TSV is compared with
// JSON.parse of the same records in Zeek JSON form. Also measures the zod ("schema") validation path, to
// show what the fast path saves (processors/ingest/README.md).
import { goldenCases, goldenRecords } from "../mappings/sources/golden.ts";
import { ingestRecord } from "../processors/ingest/core.ts";
import type { RawRecord } from "../processors/ingest/types.ts";

const encoder = new TextEncoder();
const INGESTED_AT = "2026-01-01T00:00:00.000Z";
const ROUNDS = 15;

interface Corpus {
  records: RawRecord[];
  jsonTexts: string[];
}

function corpora(): Map<string, Corpus> {
  const out = new Map<string, Corpus>();
  for (const c of goldenCases()) {
    for (const raw of goldenRecords(c)) {
      const probe = ingestRecord(raw, { ingestedAt: INGESTED_AT });
      if (probe.events.length === 0) continue; // dead-letter fixtures are not throughput
      const key = raw.tsvHeader ? "zeek_tsv" : c.family === "zeek" ? "zeek_json" : c.family.replace(/-/g, "_");
      const corpus = out.get(key) ?? { records: [], jsonTexts: [] };
      corpus.records.push({ ...raw, value: encoder.encode(String(raw.value)) });
      // Baseline text: the record itself, or for TSV the same record as Zeek JSON.
      corpus.jsonTexts.push(raw.tsvHeader ? JSON.stringify(zeekJsonOf(raw)) : String(raw.value));
      out.set(key, corpus);
    }
  }
  return out;
}

/** A Zeek TSV line as the Zeek JSON record it stands for (the fair JSON.parse baseline). */
function zeekJsonOf(raw: RawRecord): Record<string, string> {
  const values = String(raw.value).split("\t");
  return Object.fromEntries(raw.tsvHeader!.fields.map((field, i) => [field, values[i] ?? ""]));
}

function timeLoop(minMs: number, body: () => number): { perSecond: number; items: number } {
  let items = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    items += body();
    elapsed = performance.now() - start;
  }
  return { perSecond: (items / elapsed) * 1000, items };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function run(o: { quick: boolean }): Promise<Record<string, number | string | boolean>> {
  const rounds = o.quick ? 5 : ROUNDS;
  const sliceMs = o.quick ? 30 : 80;
  const out: Record<string, number | string | boolean> = {};
  let sink = 0;
  const all = corpora();
  // Warm every format before measuring any: a consumer sees mixed topics, so the normalisers' call sites are
  // as polymorphic as in production, and no format is measured on a JIT state the others have not reached.
  for (let i = 0; i < 300; i++) {
    for (const corpus of all.values()) {
      for (const r of corpus.records) sink += ingestRecord(r, { ingestedAt: INGESTED_AT }).events.length;
      for (const t of corpus.jsonTexts) sink += JSON.parse(t) ? 1 : 0;
    }
  }
  // The machine is shared and noisy. Each round measures, per format, a JSON.parse slice and an ingest slice
  // back to back, so both see the same load; the ratio is taken within the round and the MEDIAN over rounds is
  // reported (a load spike skews one round, not the figure). Rates are medians too.
  const perFormat = new Map<string, { parse: number[]; ingest: number[]; ratio: number[]; eventsPerRecord: number }>();
  for (let round = 0; round < rounds; round++) {
    for (const [format, corpus] of all) {
      const p = timeLoop(sliceMs, () => {
        for (const t of corpus.jsonTexts) sink += JSON.parse(t) ? 1 : 0;
        return corpus.jsonTexts.length;
      });
      let events = 0;
      const i = timeLoop(sliceMs, () => {
        for (const r of corpus.records) events += ingestRecord(r, { ingestedAt: INGESTED_AT }).events.length;
        return corpus.records.length;
      });
      const f = perFormat.get(format) ?? { parse: [], ingest: [], ratio: [], eventsPerRecord: 0 };
      f.parse.push(p.perSecond);
      f.ingest.push(i.perSecond);
      f.ratio.push(i.perSecond / p.perSecond);
      f.eventsPerRecord = events / i.items;
      perFormat.set(format, f);
    }
  }
  // Overall: time to JSON.parse one record of each format vs time to ingest it (harmonic, per record), from
  // each format's median parse time and median ratio, so one noisy slice does not move it.
  let parseMs = 0;
  let ingestMs = 0;
  const spread: number[] = [];
  for (const [format, f] of perFormat) {
    const ingest = median(f.ingest);
    out[`ingest_${format}_events_per_s`] = Math.round(ingest * f.eventsPerRecord);
    out[`ingest_${format}_records_per_s`] = Math.round(ingest);
    out[`ingest_${format}_json_parse_records_per_s`] = Math.round(median(f.parse));
    out[`ingest_${format}_vs_json_parse_ratio`] = Number(median(f.ratio).toFixed(3));
    const parseRecordMs = 1000 / median(f.parse);
    parseMs += parseRecordMs;
    ingestMs += parseRecordMs / median(f.ratio);
    // Interquartile spread of the per-round ratios: how much to trust the figure on a loaded machine.
    const sorted = [...f.ratio].sort((a, b) => a - b);
    spread.push(
      (sorted[Math.floor(sorted.length * 0.75)]! - sorted[Math.floor(sorted.length * 0.25)]!) / median(f.ratio),
    );
  }
  out.normalise_vs_json_parse_ratio = Number((parseMs / ingestMs).toFixed(3));
  out.ingest_ratio_relative_iqr_max = Number(Math.max(...spread).toFixed(2));
  out.ingest_bench_rounds = rounds;
  // The zod path on one representative corpus, for the README's design note.
  const zeek = all.get("zeek_json")!;
  const minMs = o.quick ? 150 : 1000;
  let schemaBest = 0;
  let fastBest = 0;
  for (let round = 0; round < rounds; round++) {
    const schemaPath = timeLoop(minMs / rounds, () => {
      for (const r of zeek.records)
        sink += ingestRecord(r, { ingestedAt: INGESTED_AT, validation: "schema" }).events.length;
      return zeek.records.length;
    });
    const fastPath = timeLoop(minMs / rounds, () => {
      for (const r of zeek.records) sink += ingestRecord(r, { ingestedAt: INGESTED_AT }).events.length;
      return zeek.records.length;
    });
    schemaBest = Math.max(schemaBest, schemaPath.perSecond);
    fastBest = Math.max(fastBest, fastPath.perSecond);
  }
  out.ingest_zeek_json_schema_validation_records_per_s = Math.round(schemaBest);
  out.ingest_zeek_json_fast_validation_records_per_s = Math.round(fastBest);
  out.ingest_bench_sink = sink > 0;
  return out;
}
