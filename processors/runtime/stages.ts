// The view the runtime has of the stages it composes (ingest, enrich, detect, incident shaping).
// The pipeline depends on these small shapes, not on the stage modules, so replay, run and the unit
// tests (with hand-written fakes) share one composition; bind-stages.ts binds the real modules.
import type { Incident } from "../../detections/shared/incident.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { RawRecord as IngestRawRecord, RawProvenance } from "../ingest/types.ts";

/** Where a raw record came from, and one undecoded input record: ingest's own types (one definition). */
export type { RawProvenance } from "../ingest/types.ts";
export type RawRecord = Pick<IngestRawRecord, "value" | "provenance" | "headers">;

/** A record that could not become an event: the runtime writes it to the dead-letter topic or file. */
export interface DeadLetter {
  /** Stable machine code, e.g. "json.truncated" (a metric label). */
  code: string;
  /** Human-readable reason naming the failing field where known. */
  reason: string;
  provenance: RawProvenance;
  /** The original bytes, untouched. */
  original: Uint8Array | string;
  headers?: Record<string, string>;
}

export interface DecodeResult {
  events: CanonicalEvent[];
  deadLetters: DeadLetter[];
}

/** A learned IP-to-host lease as it travels through the compacted identity topic. */
export interface LeaseUpdate {
  /** Compaction key: a later update with the same key replaces it (e.g. `ip|host`). */
  key: string;
  /** The enrich stage's own lease record (plain JSON data). */
  value: unknown;
}

export interface IdentityTable {
  learn(event: CanonicalEvent): LeaseUpdate[];
  apply(update: LeaseUpdate): void;
}

/** What one correlation engine (one per input partition) returns for one event. */
export interface EngineOutput {
  incidents: Incident[];
  /** Derived events (next hop of a path) that must re-enter correlation under their own keys. */
  derived: CanonicalEvent[];
}

export interface CorrelationEngine {
  process(event: CanonicalEvent, key: string): EngineOutput;
  /** Moves event time forward with no event (idle partitions, end of replay). */
  advanceWatermark(ms: number): EngineOutput;
  /** Closes every open window (end of a replay). */
  flush(): EngineOutput;
  snapshot(): unknown;
  restore(state: unknown): void;
  /** Size and eviction counters per rule, for metrics. */
  metrics(): EngineMetrics;
}

export interface EngineMetrics {
  stateEntries: Record<string, number>;
  evictions: Record<string, number>;
  lateEvents: number;
  watermarkMs: number | null;
}

/** Everything the pipeline needs from the stage modules. */
export interface Stages {
  /** Decodes and normalises one raw record; `format` forces a source family instead of auto-detection. */
  decode(raw: RawRecord, format: string | undefined): DecodeResult;
  /** Reads a Zeek TSV log (with `#fields` headers) into raw records, one per data line. */
  readZeekTsv(text: string, file: string): RawRecord[];
  createIdentity(): IdentityTable;
  enrich(event: CanonicalEvent, identity: IdentityTable): CanonicalEvent;
  /** The keys under which an event's correlation state lives (one internal record per key). */
  routingKeys(event: CanonicalEvent): string[];
  createEngine(): CorrelationEngine;
  /** Shapes the internal incident into the ECS document written to Elasticsearch, files and webhooks. */
  toEcs(incident: Incident): Record<string, unknown>;
}
