// A protocol's function table: code and name -> normalised action. The tables themselves are data (one file per
// protocol, the specification cited at the top of each); this file only builds the lookups and normalises names
// so that `WRITE_SINGLE_REGISTER`, `Write Variable`, `write-property`, `writeProperty` and `WriteRequest` meet
// one spelling (UPPER_SNAKE).
import type { OtAction, OtProtocol } from "../schema/canonical-event.ts";
import { memoize } from "../sources/shared/memo.ts";

/** [code (or null when the protocol names functions only), canonical name, action, ...aliases] */
export type FunctionRow = readonly [number | null, string, OtAction, ...string[]];

export interface FunctionEntry {
  code?: number;
  name: string;
  action: OtAction;
}

export interface FunctionTable {
  protocol: OtProtocol;
  /** Specification (and section) the codes come from. */
  spec: string;
  byCode: ReadonlyMap<number, FunctionEntry>;
  byName: ReadonlyMap<string, FunctionEntry>;
  rows: readonly FunctionEntry[];
}

/** `Write Variable` -> `WRITE_VARIABLE`, `writeProperty`/`WriteRequest` -> `WRITE_PROPERTY`/`WRITE_REQUEST`. */
export const normaliseFunctionName: (name: string) => string = memoize(normaliseUncached);

function normaliseUncached(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

export function defineTable(protocol: OtProtocol, spec: string, rows: readonly FunctionRow[]): FunctionTable {
  const byCode = new Map<number, FunctionEntry>();
  const byName = new Map<string, FunctionEntry>();
  const entries: FunctionEntry[] = [];
  for (const [code, name, action, ...aliases] of rows) {
    const entry: FunctionEntry = code === null ? { name, action } : { code, name, action };
    entries.push(entry);
    if (code !== null && !byCode.has(code)) byCode.set(code, entry);
    for (const alias of [name, ...aliases]) byName.set(normaliseFunctionName(alias), entry);
  }
  return { protocol, spec, byCode, byName, rows: entries };
}
