// The ingest stage's public types: what a transport hands in (RawRecord) and what comes back (events plus
// dead letters). Kafka, file replay and the simulator all use these.
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { ZeekTsvHeader } from "../../mappings/sources/zeek/tsv.ts";
import type { IngestConfig } from "./config.ts";
import type { DeadLetterCode } from "./reasons.ts";

export type { ZeekTsvHeader };

export interface RawProvenance {
  topic?: string;
  partition?: number;
  offset?: string;
  file?: string;
  line?: number;
}

export interface RawRecord {
  value: Uint8Array | string;
  provenance: RawProvenance;
  headers?: Record<string, string>;
  /** The `#fields` header a Zeek TSV line belongs to (ZeekTsvReader sets it for every line it yields). */
  tsvHeader?: ZeekTsvHeader;
}

/** Options per call; `IngestConfig` (config.ts) is the validated, user-facing form of the same thing. */
export type IngestOptions = Partial<Omit<IngestConfig, "limits" | "timeBounds">> & {
  limits?: Partial<IngestConfig["limits"]>;
  timeBounds?: Partial<IngestConfig["timeBounds"]>;
  /** Ingest time (ISO 8601). Sets event.ingested and anchors the time bounds; the core never reads a clock. */
  ingestedAt?: string;
};

export interface DeadLetter {
  code: DeadLetterCode;
  reason: string;
  /** Dotted path of the failing field in the raw record (or in the canonical event for validation_failed). */
  field?: string;
  /** Source family when known (detected or forced). */
  format?: string;
  provenance: RawProvenance;
  /** Base64 of the original bytes, so the record can be replayed after a fix. */
  original: string;
}

export interface IngestResult {
  events: CanonicalEvent[];
  deadLetters: DeadLetter[];
}
