// Event time readers. Every canonical `@timestamp` is UTC ISO 8601 with millisecond precision
// (`Date.toISOString()`), whatever the source wrote: Zeek epoch seconds with microseconds, FDR epoch
// milliseconds as a string, Suricata `+0100` offsets, Sysmon `UtcTime` with a space and no zone.
// Sub-millisecond digits are dropped: ordering within one millisecond is not something gapwatch relies on.
import { fail, type NormaliseFailure } from "../types.ts";
import { isDecimalDigits } from "./values.ts";

export type TimeResult = { ok: true; value: string } | NormaliseFailure;

const MASKED = /^X+(?:\.X+)?$/;

// The last four timestamps produced (one record gives several events: MDE rows), so the ingest stage's bounds
// check need not parse them back (epochMsOf) nor validation test them again (isPlainIsoJustProduced).
const RECENT_MASK = 3;
const recentIso = ["\u0000", "\u0000", "\u0000", "\u0000"]; // never a timestamp
const recentMs = [0, 0, 0, 0];
// Whether the text came from the calendar formatter below (always `YYYY-MM-DDTHH:MM:SS.mmmZ`), not from the
// native one used outside years 1000-9999 (`+010000-...`, which the canonical schema refuses).
const recentPlain = [false, false, false, false];
let recentAt = 0;

function fromMs(ms: number, field: string): TimeResult {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15)
    return fail("invalid_field", "timestamp out of representable range", field);
  const at = Math.trunc(ms);
  const iso = isoFromMs(at);
  recentAt = (recentAt + 1) & RECENT_MASK;
  recentIso[recentAt] = iso;
  recentMs[recentAt] = at;
  recentPlain[recentAt] = at >= MIN_FAST && at <= MAX_FAST;
  return { ok: true, value: iso };
}

/** Slot of `iso` among the recent timestamps, newest first; -1 when it is not one of them. */
function recentSlot(iso: string): number {
  for (let k = 0; k <= RECENT_MASK; k++) {
    const slot = (recentAt - k) & RECENT_MASK;
    if (recentIso[slot] === iso) return slot;
  }
  return -1;
}

/**
 * True when `iso` is a timestamp just produced in the plain `YYYY-MM-DDTHH:MM:SS.mmmZ` form, so validation
 * need not test it again with the ISO pattern (a string built by the formatter cannot fail it).
 */
export function isPlainIsoJustProduced(iso: string): boolean {
  const slot = recentSlot(iso);
  return slot >= 0 && recentPlain[slot]!;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const MIN_FAST = Date.UTC(1000, 0, 1);
const MAX_FAST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * `new Date(ms).toISOString()` without the Date: every event needs one and the native path allocates an object
 * and costs ~4x more on the hot path. Civil date from day number after H. Hinnant's `civil_from_days`;
 * outside years 1000-9999 (never real event times) the native formatter is used. Tested equal to it.
 */
export function isoFromMs(ms: number): string {
  if (ms < MIN_FAST || ms > MAX_FAST) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86_400_000);
  let rem = ms - days * 86_400_000;
  const h = Math.floor(rem / 3_600_000);
  rem -= h * 3_600_000;
  const mi = Math.floor(rem / 60_000);
  rem -= mi * 60_000;
  const s = Math.floor(rem / 1000);
  const milli = rem - s * 1000;
  // Events of one stream share their day: the calendar part is computed once per day seen.
  if (days !== lastDay) {
    lastDay = days;
    lastDayPrefix = datePrefix(days);
  }
  const frac = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${lastDayPrefix}${pad2(h)}:${pad2(mi)}:${pad2(s)}.${frac}Z`;
}

let lastDay = Number.NaN;
let lastDayPrefix = "";

/** `YYYY-MM-DDT` of a day number (days since 1970-01-01). */
function datePrefix(dayNumber: number): string {
  const days = dayNumber + 719_468;
  const era = Math.floor(days / 146_097);
  const doe = days - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}T`;
}

/** Epoch ms of a canonical `@timestamp`: free when it is one just produced, else Date.parse. */
export function epochMsOf(iso: string): number {
  const slot = recentSlot(iso);
  return slot >= 0 ? recentMs[slot]! : Date.parse(iso);
}

/** `-?\d+(?:\.\d+)?` by character codes: Zeek TSV and FDR write every timestamp as such text. */
function isEpochText(v: string): boolean {
  const from = v.charCodeAt(0) === 45 ? 1 : 0;
  const dot = v.indexOf(".");
  return dot < 0
    ? isDecimalDigits(v, from, v.length)
    : isDecimalDigits(v, from, dot) && isDecimalDigits(v, dot + 1, v.length);
}

/** Epoch seconds (number or numeric string, with fraction). BTest-masked values are reported as masked. */
export function fromEpochSeconds(value: unknown, field: string): TimeResult {
  if (typeof value === "number") return fromMs(value * 1000, field);
  if (typeof value === "string") {
    if (isEpochText(value)) return fromMs(Number(value) * 1000, field);
    if (MASKED.test(value)) return fail("timestamp_masked", "masked timestamp (BTest baseline)", field);
    return fromIso(value, field);
  }
  return value === undefined || value === null
    ? fail("missing_field", "timestamp is missing", field)
    : fail("invalid_field", "timestamp is not a number or ISO 8601 string", field);
}

/** Epoch milliseconds (number or numeric string). */
export function fromEpochMillis(value: unknown, field: string): TimeResult {
  if (typeof value === "number") return fromMs(value, field);
  if (typeof value === "string" && isEpochText(value)) return fromMs(Number(value), field);
  return value === undefined || value === null
    ? fail("missing_field", "timestamp is missing", field)
    : fail("invalid_field", "timestamp is not epoch milliseconds", field);
}

// ISO 8601 with optional `T` or space, optional fraction of any length, optional zone `Z`, `+hh:mm` or `+hhmm`.
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const digit = (c: number) => c >= 48 && c <= 57;
const two = (v: string, i: number) => (v.charCodeAt(i) - 48) * 10 + v.charCodeAt(i + 1) - 48;

/**
 * Epoch ms of the shapes sources nearly always write (`2024-01-15T10:23:45.123Z`, Suricata's
 * `...45.123456+0100`, `+01:00`, no zone), read by character codes instead of the ISO regex; undefined for
 * anything else (space separator, missing seconds, whitespace, out-of-range parts), which then takes the
 * regex path. Tested to agree with that path (time.test.ts).
 */
function fastIsoMs(v: string): number | undefined {
  const n = v.length;
  if (n < 19 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84) return undefined;
  if (v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return undefined;
  if (!isDecimalDigits(v, 0, 4) || !isDecimalDigits(v, 5, 7) || !isDecimalDigits(v, 8, 10)) return undefined;
  if (!isDecimalDigits(v, 11, 13) || !isDecimalDigits(v, 14, 16) || !isDecimalDigits(v, 17, 19)) return undefined;
  let i = 19;
  let ms = 0;
  if (i < n && v.charCodeAt(i) === 46) {
    let j = i + 1;
    while (j < n && digit(v.charCodeAt(j))) j++;
    if (j === i + 1) return undefined;
    ms = fractionMs(v, i + 1, j);
    i = j;
  }
  let offsetMin = 0;
  if (i < n) {
    const c = v.charCodeAt(i);
    if (c === 90) {
      if (i + 1 !== n) return undefined;
    } else if (c === 43 || c === 45) {
      const colon = n - i === 6 && v.charCodeAt(i + 3) === 58;
      if (!colon && n - i !== 5) return undefined;
      const m = colon ? i + 4 : i + 3;
      if (
        !digit(v.charCodeAt(i + 1)) ||
        !digit(v.charCodeAt(i + 2)) ||
        !digit(v.charCodeAt(m)) ||
        !digit(v.charCodeAt(m + 1))
      )
        return undefined;
      offsetMin = (c === 45 ? -1 : 1) * (two(v, i + 1) * 60 + two(v, m));
    } else return undefined;
  }
  const month = two(v, 5);
  const day = two(v, 8);
  const h = two(v, 11);
  const mi = two(v, 14);
  const sec = two(v, 17);
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || mi > 59 || sec > 60) return undefined;
  const year = two(v, 0) * 100 + two(v, 2);
  // Date.UTC's arithmetic without the native call (days overflow into the next month as there; years 0-99
  // mean 1900-1999 there too).
  const days = daysFromCivil(year <= 99 ? year + 1900 : year, month, 1) + day - 1;
  return days * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + Math.floor(ms) - offsetMin * 60_000;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`, inverse of datePrefix). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/**
 * `Number("0." + digits) * 1000` (the regex path's arithmetic) for the digits in `v[from, to)`, by integer
 * arithmetic for up to 9 digits: the first three digits are the milliseconds (checked equal for all 1-3 digit
 * fractions), and further digits only floor away since their part of a millisecond is at least 1e-6, far above
 * the product's rounding error. Longer fractions, where Number rounding can carry, keep the float path.
 */
function fractionMs(v: string, from: number, to: number): number {
  if (to - from > 9) return Number(`0.${v.slice(from, to)}`) * 1000;
  let ms = 0;
  for (let k = 0; k < 3; k++) ms = ms * 10 + (from + k < to ? v.charCodeAt(from + k) - 48 : 0);
  return ms;
}

/** ISO 8601 text; a missing zone means UTC (Sysmon UtcTime, NXLog EventTime are UTC or declared so). */
export function fromIso(value: unknown, field: string): TimeResult {
  if (typeof value === "string") {
    const ms = fastIsoMs(value);
    if (ms !== undefined) return fromMs(ms, field);
  }
  return fromIsoByRegex(value, field);
}

/** The general ISO 8601 reader (exported for the test that pins `fromIso`'s fast path to it). */
export function fromIsoByRegex(value: unknown, field: string): TimeResult {
  if (typeof value !== "string") {
    return value === undefined || value === null
      ? fail("missing_field", "timestamp is missing", field)
      : fail("invalid_field", "timestamp is not a string", field);
  }
  if (MASKED.test(value)) return fail("timestamp_masked", "masked timestamp", field);
  const m = ISO.exec(value.trim());
  if (!m) return fail("invalid_field", `timestamp "${value.slice(0, 40)}" is not ISO 8601`, field);
  const [, y, mo, d, h, mi, s = "00", frac = "", zone = "Z"] = m;
  const ms = frac ? Number(`0.${frac}`) * 1000 : 0;
  let offsetMin = 0;
  if (zone.toUpperCase() !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
    return fail("invalid_field", `timestamp "${value.slice(0, 40)}" has an out-of-range component`, field);
  }
  const utc = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), Math.floor(ms));
  return fromMs(utc - offsetMin * 60_000, field);
}
