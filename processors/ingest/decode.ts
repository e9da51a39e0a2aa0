// Bytes -> text -> JSON, defensively. UTF-8 is decoded with a FATAL decoder: a record with invalid bytes is a
// dead letter carrying its exact bytes, never a record silently "repaired" with U+FFFD (which would change
// what rules match and what the analyst sees). Nesting depth is measured on the text before parsing, and
// keys that could pollute prototypes (`__proto__`, `constructor`, `prototype`) are dropped while parsing.

import { MAYBE_SENSITIVE_PATTERN } from "../../mappings/schema/original.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const encoder = new TextEncoder();

export type Decoded<T> =
  | { ok: true; value: T }
  | { ok: false; code: "invalid_utf8" | "parse_error" | "depth_exceeded" | "record_too_large"; reason: string };

export function decodeUtf8(bytes: Uint8Array, maxBytes: number): Decoded<string> {
  if (bytes.byteLength > maxBytes) {
    return { ok: false, code: "record_too_large", reason: `record is ${bytes.byteLength} bytes, limit ${maxBytes}` };
  }
  try {
    return { ok: true, value: utf8.decode(bytes) };
  } catch {
    return { ok: false, code: "invalid_utf8", reason: `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}` };
  }
}

/** Byte length of a string without allocating for the common all-ASCII short case. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

export function toBytes(value: Uint8Array | string): Uint8Array {
  return typeof value === "string" ? encoder.encode(value) : value;
}

/** Offset of the first byte that breaks UTF-8, for the dead-letter reason. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return i;
}

/** Number of `{` and `[` in the text (native search): an upper bound of the nesting depth. */
function openerCount(text: string, stopAbove: number): number {
  let count = 0;
  let i = text.indexOf("{");
  while (i >= 0) {
    if (++count > stopAbove) return count;
    i = text.indexOf("{", i + 1);
  }
  i = text.indexOf("[");
  while (i >= 0) {
    if (++count > stopAbove) return count;
    i = text.indexOf("[", i + 1);
  }
  return count;
}

/**
 * Maximum nesting of `{`/`[` outside strings; stops early once the limit is passed. Most records have fewer
 * openers in total than the limit, which proves the depth without the character-by-character scan.
 */
export function nestingDepth(text: string, limit: number): number {
  const openers = openerCount(text, limit);
  if (openers <= limit) return openers;
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash escapes the next char
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/**
 * Native substring search (cheaper than a regex); a hit only switches on the reviver, which decides per key.
 * A bare `"proto"` is an ordinary Zeek/Suricata/ECS key and must not put those records on the (several times
 * slower) reviver path: with `proto` present, the reviver is needed only when a key could decode to one of the
 * three names, i.e. when `__proto__`/`prototype` occur literally or a `\u` escape could spell them. Keys
 * decoding to `constructor` without the literal word need a `\u` escape too. The reviver is thus skipped only
 * where it could drop nothing, and never runs where the former `proto`/`constructor` test did not run it.
 */
const POLLUTING_NAME = /constructor|__proto__|prototype/;
const POLLUTING_NAME_OR_ESCAPE = /constructor|__proto__|prototype|\\u/;
function mayPollute(text: string): boolean {
  // The same condition, decided for nearly every record by one native pass (a regex alternation scans ~2x
  // faster than `includes` of "constructor" then "proto"); only a hit looks closer.
  if (!POLLUTING_NAME_OR_ESCAPE.test(text)) return false;
  return POLLUTING_NAME.test(text) || (text.includes("\\u") && text.includes("proto"));
}

/**
 * One native pass that clears nearly every record of two later scans at once: the pollution test above (its
 * names and `\u`, here also matched case-insensitively, a superset) and the credential pre-filter of
 * `event.original` (mappings/schema/original.ts). A record that passes needs neither the reviver nor redaction;
 * one that does not is simply checked by both as before. The two passes apart cost ~1.3-1.6x this one.
 */
const SUSPICIOUS = new RegExp(`${POLLUTING_NAME_OR_ESCAPE.source}|${MAYBE_SENSITIVE_PATTERN}`, "i");
export function isScreened(text: string): boolean {
  return !SUSPICIOUS.test(text);
}

function dropPollutingKeys(key: string, value: unknown): unknown {
  return key === "__proto__" || key === "constructor" || key === "prototype" ? undefined : value;
}

/**
 * JSON.parse with a depth limit and prototype-pollution keys removed (the reviver runs only when needed).
 * `screened`: `isScreened(text)` holds, so no key can pollute.
 */
export function parseJson(text: string, maxDepth: number, screened = false): Decoded<unknown> {
  const depth = nestingDepth(text, maxDepth);
  if (depth > maxDepth) return { ok: false, code: "depth_exceeded", reason: `nesting deeper than ${maxDepth}` };
  try {
    const value = !screened && mayPollute(text) ? JSON.parse(text, dropPollutingKeys) : JSON.parse(text);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, code: "parse_error", reason: describeJsonError(error, text) };
  }
}

/** True when `prefix` is valid JSON or a valid beginning of JSON (fails only for lack of input). */
function isViablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    if (!(error instanceof Error)) return false;
    const at = /position (\d+)/.exec(error.message)?.[1];
    // "at position N" with N at the end of the prefix, or "end of input": the prefix only ran out.
    return at === undefined ? /end of JSON input|Unterminated/i.test(error.message) : Number(at) >= prefix.length;
  }
}

/** V8 does not always say where JSON broke; find the longest viable prefix (binary search, error path only). */
function errorPosition(text: string): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (isViablePrefix(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position =
    /position (\d+)/.exec(message)?.[1] ??
    (/end of JSON input|Unterminated/i.test(message) ? undefined : String(errorPosition(text)));
  if (position !== undefined) {
    const at = Number(position);
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    return `invalid JSON at position ${at} (line ${line} column ${column}): ${message.slice(0, 120)}`;
  }
  if (/end of JSON input|Unterminated/i.test(message))
    return `invalid JSON at position ${text.length} (end of input): ${message.slice(0, 120)}`;
  return `invalid JSON: ${message.slice(0, 160)}`;
}
