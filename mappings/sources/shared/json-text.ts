// `JSON.stringify(value)` of values parsed from a record, taken from the record's own text when that text is
// already exactly what JSON.stringify would write. An MDE envelope carries several rows and each event keeps
// its own row as event.original: serialising every row again costs more than parsing the whole envelope, while
// the streaming API writes compact JSON whose row slices are that serialisation already. A slice is used only
// when the scan proves it equal (below); anything else gives undefined and the caller stringifies.
//
// A slice equals JSON.stringify of its parsed value when: no whitespace outside strings; every escape is one
// JSON.stringify writes (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`; the text has no `\u` escape and no lone
// surrogate at all, since those are written differently); every number is written as Number#toString writes it;
// no key starts with a digit (integer-like keys are re-ordered by JavaScript objects); and no key was lost in
// parsing (a duplicate key, or one the ingest reviver dropped), checked by counting the keys of the parsed value.

type Json = Record<string, unknown>;

/** Scan state of one value: whether it is canonical so far, and how many object keys it holds. */
interface Scan {
  ok: boolean;
  keys: number;
}

// Any surrogate (JSON.stringify escapes lone ones; pairs are rare enough to re-serialise); a pattern that only
// non-Latin-1 characters match returns at once on the one-byte strings records nearly always decode to.
const SURROGATE = /[\ud800-\udfff]/;

/**
 * For an MDE-style envelope `{"records": [row, ...]}` (or a single row when `enveloped` is false): each row's
 * JSON.stringify text, sliced from `text`, or undefined for a row whose slice is not provably that text.
 */
export function rowTexts(text: string, rows: readonly unknown[], enveloped: boolean): (string | undefined)[] {
  const out: (string | undefined)[] = new Array(rows.length).fill(undefined);
  if (text.indexOf("\\u") >= 0 || SURROGATE.test(text)) return out;
  backslashAt = -2;
  const start = skipSpace(text, 0);
  if (!enveloped) {
    if (rows.length === 1) out[0] = canonicalSlice(text, start, rows[0]);
    return out;
  }
  const rowScans = recordsScans(text, start);
  if (rowScans === undefined || rowScans.length !== rows.length * 4) return out;
  for (let i = 0; i < rows.length; i++) {
    const at = 4 * i;
    if (rowScans[at + 2] === 1 && rowScans[at + 3] === keyCount(rows[i]))
      out[i] = text.slice(rowScans[at]!, rowScans[at + 1]);
  }
  return out;
}

function canonicalSlice(text: string, start: number, value: unknown): string | undefined {
  const scan: Scan = { ok: true, keys: 0 };
  const end = scanValue(text, start, scan);
  return scan.ok && scan.keys === keyCount(value) ? text.slice(start, end) : undefined;
}

/**
 * The elements of the top-level object's last `"records"` array (the one JSON.parse keeps), four numbers each:
 * start offset, end offset, 1 when canonical (else 0), and the number of keys the text holds.
 */
function recordsScans(text: string, i: number): number[] | undefined {
  if (text.charCodeAt(i) !== 123 /* { */) return undefined;
  const ignored: Scan = { ok: true, keys: 0 };
  let spans: number[] | undefined;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 125) return undefined;
  for (;;) {
    const keyEnd = scanString(text, i, ignored);
    const isRecords = keyEnd - i === 9 && text.startsWith("records", i + 1);
    i = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
    if (isRecords && text.charCodeAt(i) === 91 /* [ */) {
      spans = [];
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === 93) i++;
      else {
        for (;;) {
          const scan: Scan = { ok: true, keys: 0 };
          const end = scanValue(text, i, scan);
          spans.push(i, end, scan.ok ? 1 : 0, scan.keys);
          i = skipSpace(text, end);
          if (text.charCodeAt(i++) !== 44 /* , */) break;
          i = skipSpace(text, i);
        }
      }
    } else i = scanValue(text, i, ignored);
    i = skipSpace(text, i);
    if (text.charCodeAt(i) !== 44) return spans;
    i = skipSpace(text, i + 1);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function skipSpace(text: string, i: number): number {
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * End offset of the (valid, already parsed) JSON value at `i`, in one pass with a depth counter; clears
 * `scan.ok` on anything JSON.stringify would write otherwise and counts object keys.
 */
function scanValue(text: string, i: number, scan: Scan): number {
  let depth = 0;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const start = i;
      i = scanString(text, i, scan);
      if (text.charCodeAt(i) === 58 /* : */) {
        scan.keys++;
        const first = text.charCodeAt(start + 1);
        if (first >= 48 && first <= 57) scan.ok = false; // integer-like keys are re-ordered by objects
        i++;
        continue;
      }
    } else if (c === 123 || c === 91) {
      depth++;
      i++;
      continue;
    } else if (c === 125 || c === 93) {
      depth--;
      i++;
    } else if (c === 44 || c === 58) {
      i++;
      continue;
    } else if (isSpace(c)) {
      scan.ok = false; // JSON.stringify writes no whitespace between tokens
      i = skipSpace(text, i);
      continue;
    } else {
      let j = i + 1;
      for (;;) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 125 || d === 93 || d === 58 || isSpace(d) || Number.isNaN(d)) break;
        j++;
      }
      // true / false / null are written as is; a number must read back as Number#toString writes it.
      if (c !== 116 && c !== 102 && c !== 110 && !isCanonicalNumber(text, i, j)) scan.ok = false;
      i = j;
    }
    if (depth === 0) return i;
  }
}

// Offset of the next backslash of the text being scanned (-1: none left), so that each string does not search
// to the end of a text that has none; reset for every text (rowTexts).
let backslashAt = -2;

/** End offset (past the closing quote) of the string at `i`; only JSON.stringify's own escapes keep it canonical. */
function scanString(text: string, i: number, scan: Scan): number {
  // Native searches from escape to escape: Windows paths put many backslashes in EDR strings.
  let j = i + 1;
  for (;;) {
    const quote = text.indexOf('"', j);
    if (backslashAt !== -1 && backslashAt < j) backslashAt = text.indexOf("\\", j);
    if (backslashAt < 0 || backslashAt > quote) return quote + 1;
    const e = text.charCodeAt(backslashAt + 1);
    // `\"` `\\` `\b` `\f` `\n` `\r` `\t`: what JSON.stringify writes (no `\u` reaches here, see rowTexts).
    if (e !== 34 && e !== 92 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) scan.ok = false;
    j = backslashAt + 2;
  }
}

function isCanonicalNumber(text: string, from: number, to: number): boolean {
  // Common case: a plain integer of at most 15 digits, no leading zero, not -0: printed back the same.
  let k = text.charCodeAt(from) === 45 ? from + 1 : from;
  const digits = to - k;
  if (digits >= 1 && digits <= 15 && (text.charCodeAt(k) !== 48 || (digits === 1 && k === from))) {
    for (; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c < 48 || c > 57) break;
    }
    if (k === to) return true;
  }
  const token = text.slice(from, to);
  return String(Number(token)) === token;
}

/** Number of object keys in a parsed value, all levels (a key lost in parsing makes the text's count larger). */
function keyCount(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) n += keyCount(value[i]);
    return n;
  }
  for (const key in value as Json) n += 1 + keyCount((value as Json)[key]);
  return n;
}
