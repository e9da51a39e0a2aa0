// ingestRecord: one raw record in, canonical events and dead letters out. Pure: no clock (ingest time arrives
// in the options), no I/O, no logging; every failure is a typed dead letter carrying the original bytes, and
// nothing a record contains can make it throw (a normaliser bug becomes `normaliser_error`).
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { sourceFamily } from "../../mappings/sources/index.ts";
import { epochMsOf } from "../../mappings/sources/shared/time.ts";
import type { JsonObject, NormaliseFailure } from "../../mappings/sources/types.ts";
import { parseTsvLine } from "../../mappings/sources/zeek/tsv.ts";
import { DEFAULT_INGEST_CONFIG } from "./config.ts";
import { decodeUtf8, isScreened, parseJson, toBytes, utf8Length } from "./decode.ts";
import { detectFormat } from "./detect-format.ts";
import type { DeadLetterCode } from "./reasons.ts";
import { RecordContext } from "./record-context.ts";
import type { DeadLetter, IngestOptions, IngestResult, RawRecord } from "./types.ts";
import { validateFast, validateWithSchema } from "./validate.ts";

function deadLetter(raw: RawRecord, code: DeadLetterCode, reason: string, field?: string, format?: string): DeadLetter {
  const dl: DeadLetter = {
    code,
    reason,
    provenance: raw.provenance,
    original: base64Of(raw.value),
  };
  if (field !== undefined) dl.field = field;
  if (format !== undefined) dl.format = format;
  return dl;
}

/** Base64 of the record's bytes; a byte array is viewed in place, not copied first. */
function base64Of(value: Uint8Array | string): string {
  const bytes = toBytes(value);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** The Zeek log a record belongs to when the transport knows it: TSV #path, a header, the file or topic. */
function zeekPathHint(raw: RawRecord): string | undefined {
  return raw.tsvHeader?.path ?? raw.headers?.["zeek.path"] ?? raw.provenance.file ?? raw.provenance.topic;
}

export function ingestRecord(raw: RawRecord, options: IngestOptions = {}): IngestResult {
  const limits = options.limits ? { ...DEFAULT_INGEST_CONFIG.limits, ...options.limits } : DEFAULT_INGEST_CONFIG.limits;
  const out: IngestResult = { events: [], deadLetters: [] };
  let text: string;
  if (typeof raw.value === "string") {
    text = raw.value;
    // A string is at most 3 bytes per UTF-16 unit: only measure when it could exceed the limit.
    if (text.length * 3 > limits.maxRecordBytes && utf8Length(text) > limits.maxRecordBytes) {
      out.deadLetters.push(
        deadLetter(raw, "record_too_large", `record is ${utf8Length(text)} bytes, limit ${limits.maxRecordBytes}`),
      );
      return out;
    }
  } else {
    const decoded = decodeUtf8(raw.value, limits.maxRecordBytes);
    if (!decoded.ok) {
      out.deadLetters.push(deadLetter(raw, decoded.code, decoded.reason));
      return out;
    }
    text = decoded.value;
  }
  if (text.charCodeAt(text.length - 1) === 10 || text.charCodeAt(text.length - 1) === 13)
    text = text.replace(/[\r\n]+$/, "");
  const maxChars = options.originalMaxChars ?? DEFAULT_INGEST_CONFIG.originalMaxChars;
  // The provenance serves as the coordinates as is: newEvent copies only its known, defined fields.
  const context = new RecordContext(raw.provenance, maxChars);
  let record: JsonObject;
  let format = options.format;
  if (raw.tsvHeader) {
    const parsed = parseTsvLine(raw.tsvHeader, text);
    if (!parsed.ok) {
      out.deadLetters.push(deadLetter(raw, "parse_error", parsed.reason, parsed.field, "zeek"));
      return out;
    }
    record = parsed.record;
    format ??= "zeek";
    context.keyStyle = "tsv";
    if (maxChars > 0) context.originalFromTsv(raw.tsvHeader, parsed.values, text);
  } else {
    // Almost every record starts with `{`: only trim (a copy) when it does not.
    const first = text.charCodeAt(0) === 123 ? 123 : text.trimStart().charCodeAt(0);
    if (Number.isNaN(first)) {
      out.deadLetters.push(deadLetter(raw, "empty_record", "record is empty"));
      return out;
    }
    if (first !== 123 /* { */) {
      const reason =
        first === 91
          ? "top-level JSON array: send one record per message"
          : "not a JSON object and no Zeek TSV header context";
      out.deadLetters.push(deadLetter(raw, first === 91 ? "unsupported_record" : "unknown_format", reason));
      return out;
    }
    // One scan rules out both pollution keys and credential keys for nearly every record (decode.ts).
    const screened = isScreened(text);
    const parsed = parseJson(text, limits.maxDepth, screened);
    if (!parsed.ok) {
      out.deadLetters.push(deadLetter(raw, parsed.code, parsed.reason));
      return out;
    }
    record = parsed.value as JsonObject;
    if (maxChars > 0) context.originalFromJson(text, screened);
  }
  context.zeekPath = zeekPathHint(raw);
  format ??= detectFormat(record);
  const family = format === undefined ? undefined : sourceFamily(format);
  if (!family) {
    const reason =
      format === undefined ? "no normaliser recognises this record" : `no normaliser for format "${format}"`;
    out.deadLetters.push(deadLetter(raw, "unknown_format", reason, undefined, format));
    return out;
  }
  let result: ReturnType<typeof family.normalise>;
  try {
    result = family.normalise(record, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    out.deadLetters.push(
      deadLetter(raw, "normaliser_error", `normaliser threw: ${message.slice(0, 200)}`, undefined, family.id),
    );
    return out;
  }
  if (!result.ok) {
    out.deadLetters.push(failureLetter(raw, result, family.id));
    return out;
  }
  for (const failure of result.failures ?? []) out.deadLetters.push(failureLetter(raw, failure, family.id));
  for (const event of result.events) admit(raw, event, family.id, options, out);
  return out;
}

function failureLetter(raw: RawRecord, failure: NormaliseFailure, format: string): DeadLetter {
  return deadLetter(raw, failure.code, failure.reason, failure.field, format);
}

// Callers pass the same ingestedAt for a whole batch: parse it once.
let ingestedText = "";
let ingestedMs = Number.NaN;
let ingestedIso = "";
function parseIngestedAt(text: string): number {
  if (text !== ingestedText) {
    ingestedText = text;
    ingestedMs = Date.parse(text);
    ingestedIso = Number.isFinite(ingestedMs) ? new Date(ingestedMs).toISOString() : "";
  }
  return ingestedMs;
}

/** Time bounds, event.ingested and validation of one normalised event. */
function admit(raw: RawRecord, event: CanonicalEvent, format: string, options: IngestOptions, out: IngestResult): void {
  if (options.ingestedAt !== undefined) {
    const bounds = options.timeBounds
      ? { ...DEFAULT_INGEST_CONFIG.timeBounds, ...options.timeBounds }
      : DEFAULT_INGEST_CONFIG.timeBounds;
    const ingested = parseIngestedAt(options.ingestedAt);
    const at = epochMsOf(event["@timestamp"]);
    if (Number.isFinite(ingested)) {
      if (at - ingested > bounds.maxFutureSeconds * 1000) {
        out.deadLetters.push(
          deadLetter(
            raw,
            "timestamp_out_of_range",
            `event time ${event["@timestamp"]} is more than ${bounds.maxFutureSeconds}s after ingest time ${options.ingestedAt}`,
            "@timestamp",
            format,
          ),
        );
        return;
      }
      if (ingested - at > bounds.maxPastSeconds * 1000) {
        out.deadLetters.push(
          deadLetter(
            raw,
            "timestamp_out_of_range",
            `event time ${event["@timestamp"]} is more than ${bounds.maxPastSeconds}s before ingest time ${options.ingestedAt}`,
            "@timestamp",
            format,
          ),
        );
        return;
      }
      event.event.ingested = ingestedIso;
    }
  }
  const failure =
    (options.validation ?? DEFAULT_INGEST_CONFIG.validation) === "schema"
      ? validateWithSchema(event)
      : validateFast(event as unknown as Record<string, unknown>);
  if (failure) {
    out.deadLetters.push(
      deadLetter(
        raw,
        "validation_failed",
        `canonical event invalid at ${failure.field}: ${failure.reason}`,
        failure.field,
        format,
      ),
    );
    return;
  }
  out.events.push(event);
}
