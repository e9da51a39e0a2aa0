// Lenient readers for raw field values. Sources disagree on types (FDR writes every value as a string, Zeek TSV
// has `-` for unset and `T`/`F` for booleans, old Winlogbeat wrote event.code as a number), so every normaliser
// reads through these instead of trusting `typeof`. Each returns undefined for "absent or unusable", never throws.
import { z } from "zod";
import { memoize } from "./memo.ts";

/** `table[key]` for lookup tables keyed by record content: own properties only, so `__proto__` finds nothing. */
export function own<T>(table: Readonly<Record<string, T>>, key: string | number | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads `a.b.c` through nested objects. Documents whose keys are flat and dotted (`"host.name": ...`, as some
 * shippers write ECS) go through `unflatten` first, once, instead of every lookup trying both forms.
 */
export function path(record: Record<string, unknown>, dotted: string): unknown {
  const segments = segmentsOf(dotted);
  let node: unknown = record;
  for (let i = 0; i < segments.length; i++) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[segments[i]!];
  }
  return node;
}

/**
 * `path(record, "a.b")` with the segments given apart (`at2(record, "a", "b")`): for literal paths on the hot
 * path, no split-cache lookup per read. Same semantics as `path`: a non-object on the way gives undefined.
 */
export function at2(record: Record<string, unknown>, a: string, b: string): unknown {
  const x = record[a];
  return typeof x === "object" && x !== null ? (x as Record<string, unknown>)[b] : undefined;
}

export function at3(record: Record<string, unknown>, a: string, b: string, c: string): unknown {
  const x = record[a];
  if (typeof x !== "object" || x === null) return undefined;
  const y = (x as Record<string, unknown>)[b];
  return typeof y === "object" && y !== null ? (y as Record<string, unknown>)[c] : undefined;
}

/** Nests top-level dotted keys (`{"host.name": "x"}` -> `{host: {name: "x"}}`); returns the doc itself when none. */
export function unflatten(doc: Record<string, unknown>): Record<string, unknown> {
  let dotted = false;
  for (const key in doc) {
    if (key.indexOf(".") > 0) {
      dotted = true;
      break;
    }
  }
  if (!dotted) return doc;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    const parts = key.split(".");
    let node = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      if (part === "__proto__" || part === "constructor" || part === "prototype") break;
      let next = node[part];
      if (!isObject(next)) {
        next = {};
        node[part] = next;
      }
      node = next as Record<string, unknown>;
    }
    const last = parts[parts.length - 1]!;
    if (node[last] === undefined || !isObject(value)) node[last] = value;
    else Object.assign(node[last] as object, value);
  }
  return out;
}

// Paths are literals in the normalisers: split each once.
const segmentCache = new Map<string, string[]>();
function segmentsOf(dotted: string): string[] {
  let segments = segmentCache.get(dotted);
  if (!segments) {
    segments = dotted.split(".");
    if (segmentCache.size > 4096) segmentCache.clear();
    segmentCache.set(dotted, segments);
  }
  return segments;
}

/** A non-empty string (numbers and booleans are stringified); `-` and `(empty)` count as absent. */
export function str(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" || value === "-" || value === "(empty)" ? undefined : value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === "boolean") return value ? "true" : "false";
  return undefined;
}

/** A safe integer from a number or a decimal/hex string. */
export function int(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== "string" || value === "" || value.length > 20) return undefined;
  // Plain decimal text (FDR and Zeek TSV write every number so) without the two regexes.
  if (isDecimalDigits(value, value.charCodeAt(0) === 45 ? 1 : 0, value.length)) {
    const d = Number(value);
    return Number.isSafeInteger(d) ? d : undefined;
  }
  const n = /^0x[0-9a-f]+$/i.test(value)
    ? Number.parseInt(value, 16)
    : /^-?\d+$/.test(value)
      ? Number(value)
      : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** True when `text[from, to)` is one or more ASCII digits (the `\d+` of a regex, without one). */
export function isDecimalDigits(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function num(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || value === "" || value.length > 40) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export function port(value: unknown): number | undefined {
  const n = int(value);
  return n !== undefined && n >= 0 && n <= 65535 ? n : undefined;
}

/** Zeek `T`/`F`, JSON booleans, "true"/"false", 1/0. */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "T" || value === "true" || value === "True" || value === 1 || value === "1") return true;
  if (value === "F" || value === "false" || value === "False" || value === 0 || value === "0") return false;
  return undefined;
}

// The same IPv4 grammar zod's z.ipv4() accepts, so a value that passes here passes the canonical schema.
const IPV4 =
  /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;
const IPV6 = z.ipv6();

/** An IP address the canonical schema accepts (IPv6 zone ids like `%eth0` are dropped), else undefined. */
export function ip(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length < 2 || value.length > 64) return undefined;
  // A record's addresses are read more than once (endpoints, host.ip, related, the ingest check of the built
  // event): the last few IPv4 texts that passed are remembered, compared before the pattern runs again.
  if (value === v4a || value === v4b || value === v4c || value === v4d) return value;
  if (IPV4.test(value)) {
    v4d = v4c;
    v4c = v4b;
    v4b = v4a;
    v4a = value;
    return value;
  }
  if (value.indexOf(":") < 0) return undefined;
  return ipv6(value);
}
let v4a = "";
let v4b = "";
let v4c = "";
let v4d = "";

// IPv6 validation goes through zod (the schema's own check); addresses repeat, so memoise it.
const ipv6 = memoize((value: string): string | undefined => {
  const zone = value.indexOf("%");
  const bare = zone >= 0 ? value.slice(0, zone) : value;
  return IPV6.safeParse(bare).success ? bare.toLowerCase() : undefined;
});

/** MAC in the one form gapwatch joins on: lower case, colon separated (FDR writes dashes, ECS upper case). */
const CANONICAL_MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

export function mac(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  // Zeek and most sensors already write the canonical form: one test instead of rebuilding it.
  if (CANONICAL_MAC.test(value)) return value;
  const hex = value.replace(/[-:.]/g, "").toLowerCase();
  if (!/^[0-9a-f]{12}$/.test(hex)) return undefined;
  return hex.match(/../g)!.join(":");
}

/** Splits a Zeek set/vector rendered as a comma-separated string, or passes a JSON array through. */
export function list(value: unknown): string[] | undefined {
  if (Array.isArray(value)) {
    let out: string[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const s = str(value[i]);
      if (s === undefined) continue;
      if (out === undefined) out = [s];
      else out.push(s);
    }
    return out;
  }
  const s = str(value);
  return s === undefined ? undefined : s.split(",");
}

/** Truncates free text copied into a canonical field (`ot.value`) so one record cannot bloat the index. */
export function bounded(value: string | undefined, max = 256): string | undefined {
  if (value === undefined) return undefined;
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** Drops keys whose value is undefined, so events compare cleanly in golden files. */
export function compact<T extends Record<string, unknown>>(object: T): T | undefined {
  let any = false;
  for (const key of Object.keys(object)) {
    if (object[key] === undefined) delete object[key];
    else any = true;
  }
  return any ? object : undefined;
}

/** `uniq` one value at a time: `list` with `value` added when defined and not yet in it (created on first use). */
export function withUniq(list: string[] | undefined, value: string | undefined): string[] | undefined {
  if (value === undefined) return list;
  if (list === undefined) return [value];
  if (!list.includes(value)) list.push(value);
  return list;
}

/** The defined values among `a` and `b`, without duplicates (two parameters, no rest array: every event). */
export function uniq(a: string | undefined, b?: string): string[] | undefined {
  if (a === undefined) return b === undefined ? undefined : [b];
  return b === undefined || b === a ? [a] : [a, b];
}
