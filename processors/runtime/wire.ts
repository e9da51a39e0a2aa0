// The record formats of gapwatch's internal topics (a contract between instances of different versions
// during a rolling upgrade: add headers, never change the meaning of one).
//  - events: key = routing key, value = the enriched canonical event (JSON), headers say where it came from
//    (`gw-origin` = input topic:partition, `gw-pos` = offset:seq) and how many derived hops it is from an
//    input event (`gw-gen`, left out when 0: most records are input events and every header costs
//    encoding time). The origin position lets the correlate stage skip re-produced duplicates.
//  - dead letters: value = the original bytes untouched, original headers kept, plus gw-dlq-* headers.
//  - identity: key = lease key, value = the lease update (JSON).
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { RoutedEvent } from "./pipeline.ts";
import type { OutputRecord, SourceRecord } from "./ports/record.ts";
import type { DeadLetter, LeaseUpdate } from "./stages.ts";

export const HEADER = {
  origin: "gw-origin",
  position: "gw-pos",
  generation: "gw-gen",
  dlqCode: "gw-dlq-code",
  dlqReason: "gw-dlq-reason",
  dlqTopic: "gw-dlq-source-topic",
  dlqPartition: "gw-dlq-source-partition",
  dlqOffset: "gw-dlq-source-offset",
  dlqFile: "gw-dlq-source-file",
  dlqLine: "gw-dlq-source-line",
  dlqTruncated: "gw-dlq-truncated-from",
} as const;

/** Position of an output within its input: the input record's offset and the output's index. */
export interface OriginPosition {
  origin: string;
  offset: bigint;
  seq: number;
}

/**
 * `value` is the event's JSON when the caller has it already: an event fanned out to several routing keys
 * is serialised once, not once per key.
 */
export function encodeRoutedEvent(
  topic: string,
  routed: RoutedEvent,
  origin: OriginPosition,
  value: string = JSON.stringify(routed.event),
): OutputRecord {
  const headers: Record<string, string> = {
    [HEADER.origin]: origin.origin,
    [HEADER.position]: `${origin.offset}:${origin.seq}`,
  };
  if (routed.generation !== 0) headers[HEADER.generation] = String(routed.generation);
  return { topic, key: routed.key, value, headers };
}

export type DecodedRoutedEvent =
  | { ok: true; routed: RoutedEvent; origin: OriginPosition | undefined }
  | { ok: false; reason: string };

export function decodeRoutedEvent(record: SourceRecord): DecodedRoutedEvent {
  if (record.key === null || record.value === null)
    return { ok: false, reason: "internal record without key or value" };
  let event: CanonicalEvent;
  try {
    event = JSON.parse(utf8(record.value)) as CanonicalEvent;
  } catch {
    return { ok: false, reason: "internal record is not JSON" };
  }
  if (typeof event !== "object" || event === null || typeof event["@timestamp"] !== "string") {
    return { ok: false, reason: "internal record is not a canonical event" };
  }
  const generation = Number(record.headers[HEADER.generation] ?? "0");
  return {
    ok: true,
    routed: { key: record.key, event, generation: Number.isInteger(generation) ? generation : 0 },
    origin: parseOrigin(record.headers),
  };
}

/** Decodes without copying the bytes first (Buffer.from(Uint8Array) would copy). */
function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

function parseOrigin(headers: Record<string, string>): OriginPosition | undefined {
  const origin = headers[HEADER.origin];
  const position = headers[HEADER.position];
  if (!origin || !position) return undefined;
  const [offset, seq] = position.split(":");
  if (offset === undefined || seq === undefined || !/^\d+$/.test(offset) || !/^\d+$/.test(seq)) return undefined;
  return { origin, offset: BigInt(offset), seq: Number(seq) };
}

/** True when `b` comes strictly after `a` in its origin's order. */
export function isAfter(a: { offset: bigint; seq: number } | undefined, b: { offset: bigint; seq: number }): boolean {
  if (!a) return true;
  return b.offset > a.offset || (b.offset === a.offset && b.seq > a.seq);
}

/**
 * A dead-letter record: the original bytes, cut to `maxBytes` (with the original size in a header) only when
 * they would not fit the dead-letter topic, so one huge record can never block its partition.
 */
export function encodeDeadLetter(topic: string, dead: DeadLetter, maxBytes = Number.POSITIVE_INFINITY): OutputRecord {
  const p = dead.provenance;
  const headers: Record<string, string> = { ...(dead.headers ?? {}) };
  let original = dead.original;
  const size = typeof original === "string" ? Buffer.byteLength(original) : original.byteLength;
  if (size > maxBytes) {
    const bytes = typeof original === "string" ? Buffer.from(original) : original;
    original = bytes.subarray(0, maxBytes);
    headers[HEADER.dlqTruncated] = String(size);
  }
  headers[HEADER.dlqCode] = dead.code;
  // Header values are bytes on the wire; keep reasons short so one bad record cannot make a huge header.
  headers[HEADER.dlqReason] = dead.reason.slice(0, 1000);
  if (p.topic !== undefined) headers[HEADER.dlqTopic] = p.topic;
  if (p.partition !== undefined) headers[HEADER.dlqPartition] = String(p.partition);
  if (p.offset !== undefined) headers[HEADER.dlqOffset] = p.offset;
  if (p.file !== undefined) headers[HEADER.dlqFile] = p.file;
  if (p.line !== undefined) headers[HEADER.dlqLine] = String(p.line);
  return {
    topic,
    key: p.topic !== undefined ? `${p.topic}:${p.partition}:${p.offset}` : null,
    value: original,
    headers,
  };
}

export function encodeLease(topic: string, lease: LeaseUpdate): OutputRecord {
  return { topic, key: lease.key, value: JSON.stringify(lease.value) };
}

export function decodeLease(record: SourceRecord): LeaseUpdate | undefined {
  if (record.value === null || record.key === null) return undefined;
  try {
    return { key: record.key, value: JSON.parse(utf8(record.value)) as unknown };
  } catch {
    return undefined;
  }
}

/** A dead-letter line for replay's --dlq file: the reason plus the original (base64 when not UTF-8). */
export function deadLetterLine(dead: DeadLetter): string {
  const bytes = typeof dead.original === "string" ? Buffer.from(dead.original, "utf8") : Buffer.from(dead.original);
  const text = bytes.toString("utf8");
  const exact = Buffer.from(text, "utf8").equals(bytes);
  return JSON.stringify({
    code: dead.code,
    reason: dead.reason,
    provenance: dead.provenance,
    ...(exact ? { original: text } : { original_base64: bytes.toString("base64") }),
  });
}
