// Reads replay inputs: files or directories (recursively, in name order) of NDJSON or Zeek TSV logs.
// Lines are split on raw bytes, not decoded text, so a record with invalid UTF-8 reaches ingest (and its
// dead-letter entry) with its original bytes.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError } from "../../errors.ts";
import type { RawRecord } from "../../stages.ts";

const NOT_RECORDS = /\.(ya?ml|md|txt|pem|gz)$/i;

/** Expands the arguments into the list of files to read, in a stable order. */
export async function listInputFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((cause: unknown) => {
      throw new ConfigError("input.unreadable", `cannot read input ${path}`, { location: { file: path }, cause });
    });
    if (info.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true });
      // In a directory, configuration and notes that sit beside the records (site.yaml, README.md) are not input.
      const names = entries
        .filter((e) => !e.name.startsWith(".") && !NOT_RECORDS.test(e.name))
        .map((e) => join(path, e.name));
      files.push(...(await listInputFiles(names.sort())));
    } else if (info.isFile()) {
      files.push(path);
    }
  }
  return files;
}

/** True when the bytes start like a Zeek TSV log (`#separator` / `#fields` header lines). */
export function isZeekTsv(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 64)).toString("latin1");
  return head.startsWith("#separator") || head.startsWith("#fields");
}

/** Splits NDJSON bytes into one raw record per non-empty line, with file and line provenance. */
export function splitNdjson(bytes: Uint8Array, file: string): RawRecord[] {
  const records: RawRecord[] = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    let end = i;
    if (end > start && bytes[end - 1] === 0x0d) end -= 1;
    if (end > start && !isBlank(bytes, start, end)) {
      records.push({ value: bytes.subarray(start, end), provenance: { file, line } });
    }
    start = i + 1;
    line += 1;
  }
  return records;
}

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}

/** Reads one input file into raw records, choosing the container format from its first bytes. */
export async function readInputFile(
  file: string,
  readZeekTsv: (text: string, file: string) => RawRecord[],
): Promise<RawRecord[]> {
  const bytes = await readFile(file).catch((cause: unknown) => {
    throw new ConfigError("input.unreadable", `cannot read input ${file}`, { location: { file }, cause });
  });
  if (isZeekTsv(bytes)) return readZeekTsv(bytes.toString("utf8"), file);
  return splitNdjson(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
}
