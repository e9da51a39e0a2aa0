// Zeek TSV: a header (`#separator`, `#set_separator`, `#empty_field`, `#unset_field`, `#path`, `#fields`,
// `#types`) followed by one record per line. A line means nothing without its header, so the header travels
// with every record (RawRecord.tsvHeader) and a line becomes an object keyed by the `#fields` names: the
// normalisers never see column positions.
import { isSensitiveKey } from "../../schema/original.ts";
import { layoutFor } from "./known-layouts.ts";

export interface ZeekTsvHeader {
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
  path?: string;
  fields: string[];
  types?: string[];
  /** Set when `fields` came from known-layouts.ts (a header-less BTest baseline), not from the file. */
  layout?: string;
}

export function emptyHeader(path?: string): Partial<ZeekTsvHeader> {
  return path ? { path } : {};
}

function unescapeZeek(value: string): string {
  return value.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Applies one `#` header line to the header under construction. Returns false for a non-header line. */
export function applyHeaderLine(header: Partial<ZeekTsvHeader>, line: string): boolean {
  if (!line.startsWith("#")) return false;
  if (line.startsWith("#separator")) {
    header.separator = unescapeZeek(line.slice("#separator".length).trim()) || "\t";
    return true;
  }
  const sep = header.separator ?? "\t";
  const cut = line.indexOf(sep);
  const key = cut < 0 ? line.slice(1) : line.slice(1, cut);
  const rest = cut < 0 ? [] : line.slice(cut + sep.length).split(sep);
  if (key === "fields") header.fields = rest;
  else if (key === "types") header.types = rest;
  else if (key === "path") header.path = rest[0];
  else if (key === "set_separator") header.setSeparator = rest[0];
  else if (key === "empty_field") header.emptyField = rest[0];
  else if (key === "unset_field") header.unsetField = rest[0];
  return true;
}

export function completeHeader(partial: Partial<ZeekTsvHeader>): ZeekTsvHeader | undefined {
  if (!partial.fields?.length) return undefined;
  return {
    separator: partial.separator ?? "\t",
    setSeparator: partial.setSeparator ?? ",",
    emptyField: partial.emptyField ?? "(empty)",
    unsetField: partial.unsetField ?? "-",
    ...(partial.path ? { path: partial.path } : {}),
    fields: partial.fields,
    ...(partial.types ? { types: partial.types } : {}),
    ...(partial.layout ? { layout: partial.layout } : {}),
  };
}

/** For a data line with no `#fields` seen: the documented layout of this log with this many columns. */
export function headerFromLayout(partial: Partial<ZeekTsvHeader>, line: string): ZeekTsvHeader | undefined {
  if (!partial.path) return undefined;
  const columns = line.split(partial.separator ?? "\t").length;
  const layout = layoutFor(partial.path, columns);
  return layout ? completeHeader({ ...partial, fields: layout.fields, layout: layout.name }) : undefined;
}

export type TsvLineResult =
  | { ok: true; record: Record<string, unknown>; values: string[] }
  | { ok: false; reason: string; field?: string };

/**
 * One data line -> a null-prototype object. Unset columns (`-`) become null rather than being left out, so
 * that the layout generation can still be told from which columns exist; `(empty)` becomes "".
 */
export function parseTsvLine(header: ZeekTsvHeader, line: string): TsvLineResult {
  const values = line.split(header.separator);
  if (values.length !== header.fields.length) {
    return {
      ok: false,
      reason: `line has ${values.length} columns, #fields declares ${header.fields.length}`,
      field: "#fields",
    };
  }
  const record: Record<string, unknown> = Object.create(null);
  if (header.path) record._path = header.path;
  // Escapes are rare: one search of the line instead of one per column.
  const escaped = line.includes("\\x");
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const name = header.fields[i]!;
    if (name === "__proto__" || name === "constructor" || name === "prototype") continue;
    record[name] =
      value === header.unsetField
        ? null
        : value === header.emptyField
          ? ""
          : escaped && value.includes("\\x")
            ? unescapeZeek(value)
            : value;
  }
  return { ok: true, record, values };
}

/** Column names whose values must be redacted from event.original (see mappings/schema/original.ts). */
export function sensitiveColumns(header: ZeekTsvHeader): number[] {
  const out: number[] = [];
  header.fields.forEach((f, i) => {
    if (isSensitiveKey(f)) out.push(i);
  });
  return out;
}
