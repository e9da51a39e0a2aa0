// The contract between the ingest stage and the normalisers: a parsed record (JSON object, or a Zeek TSV line
// turned into an object by its `#fields` header) plus its context in, canonical events or a typed failure out.
import type { CanonicalEvent, Provenance } from "../schema/canonical-event.ts";

export type JsonObject = Record<string, unknown>;

/** Where the raw record came from, before the normaliser adds `format` and `schema`. */
export type RecordCoordinates = Omit<Provenance, "format" | "schema">;

export interface NormaliseContext {
  coordinates: RecordCoordinates;
  /** `event.original` for this record: bounded and redacted (mappings/schema/original.ts); undefined = keep none. */
  original: string | undefined;
  /** Bound for originals the normaliser builds itself (one per MDE sub-record). 0 disables them. */
  originalMaxChars: number;
  /**
   * The exact text the record was parsed from, when it was JSON and originals are kept (undefined otherwise):
   * lets a normaliser take a sub-record's original from it (shared/json-text.ts) instead of re-serialising.
   */
  readonly jsonText?: string | undefined;
  /**
   * True when the credential pre-filter of mappings/schema/original.ts finds nothing in `jsonText`, which has
   * no `\u` escape either. Then no slice of it and no JSON.stringify of a value parsed from it has a credential
   * key to redact either: the letters and `._-` of every key are written the same both ways.
   */
  readonly jsonTextScreened?: boolean;
  /** Zeek log path when the transport knows it (TSV `#path`, file name, topic). */
  zeekPath?: string;
  /** Set for Zeek TSV input: the generation label of the header ("zeek-tsv"). */
  keyStyle?: string;
}

/** Expected failures of a normaliser; they become dead letters with this code (processors/ingest/reasons.ts). */
export type NormaliseFailureCode = "missing_field" | "invalid_field" | "timestamp_masked" | "unsupported_record";

export interface NormaliseFailure {
  ok: false;
  code: NormaliseFailureCode;
  reason: string;
  /** Dotted path of the failing field in the raw record. */
  field?: string;
}

export interface NormaliseSuccess {
  ok: true;
  events: CanonicalEvent[];
  /** Per-sub-record failures of a record that yields several events (MDE `records[]`). */
  failures?: NormaliseFailure[];
}

export type NormaliseResult = NormaliseSuccess | NormaliseFailure;

export type Normaliser = (record: JsonObject, context: NormaliseContext) => NormaliseResult;

export interface SourceFamily {
  /** Stable id used in `gapwatch.provenance.format`, the per-topic override and dead letters. */
  id: string;
  title: string;
  observerType: "edr" | "ot-sensor";
  normalise: Normaliser;
}

export class NormaliseFailureError extends Error {
  constructor(readonly failure: NormaliseFailure) {
    super(failure.reason);
  }
}

export function fail(code: NormaliseFailureCode, reason: string, field?: string): NormaliseFailure {
  return field === undefined ? { ok: false, code, reason } : { ok: false, code, reason, field };
}
