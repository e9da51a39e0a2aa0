// Looks a function up in its protocol table by code first (codes are what the wire carries) and by name
// second. Unknown functions are kept, with action `other`: an unclassified PLC command is exactly what an
// analyst wants to see, so nothing is ever dropped here.
import type { OtAction } from "../schema/canonical-event.ts";
import { type FunctionTable, normaliseFunctionName } from "./table.ts";

export interface Classified {
  /** Raw code as the source wrote it or as decimal text, e.g. "0x05", "6". */
  code?: string;
  /** UPPER_SNAKE name: the table's name when known, else the source's name normalised. */
  name?: string;
  action: OtAction;
}

const SUFFIXES = /_(?:EXCEPTION|REQUEST|RESPONSE|ACK|ERROR|REQ|RESP)$/;

export function lookupName(table: FunctionTable, name: string) {
  const key = normaliseFunctionName(name);
  return table.byName.get(key) ?? table.byName.get(key.replace(SUFFIXES, ""));
}

export function classifyFunction(
  table: FunctionTable,
  code: number | undefined,
  name: string | undefined,
  rawCode?: string,
): Classified {
  const entry =
    (code === undefined ? undefined : table.byCode.get(code)) ??
    (name === undefined ? undefined : lookupName(table, name));
  const codeText =
    rawCode ?? (code === undefined ? (entry?.code === undefined ? undefined : String(entry.code)) : String(code));
  const out: Classified = { action: entry?.action ?? "other" };
  if (codeText !== undefined) out.code = codeText;
  const outName = entry
    ? normaliseFunctionName(entry.name)
    : name === undefined
      ? undefined
      : normaliseFunctionName(name);
  if (outName) out.name = outName;
  return out;
}
