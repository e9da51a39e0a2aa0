// Turns a Zeek TSV log (a file, or a stream of lines) into RawRecords that each carry their header, so a line
// can be ingested on its own anywhere (ingestRecord) with its column names. Header lines update the state;
// `#close`, `#open` and blank lines are skipped. A new `#separator` starts a new header (concatenated logs).
// Files with no `#fields` (ICSNPP BTest baselines) fall back to known-layouts.ts by log path (from `#path` or
// the file name) and column count; when that fails the line is yielded without a header and becomes an
// `unknown_format` dead letter downstream, with its bytes.

import { pathFromHint } from "../../mappings/sources/zeek/log-path.ts";
import {
  applyHeaderLine,
  completeHeader,
  headerFromLayout,
  type ZeekTsvHeader,
} from "../../mappings/sources/zeek/tsv.ts";
import type { RawRecord } from "./types.ts";

export interface ZeekTsvReaderOptions {
  /** File name recorded in provenance; its base name is the log path when the file has no `#path`. */
  file?: string;
  /** Log path to assume when neither `#path` nor the file name tells (e.g. a topic carrying TSV lines). */
  path?: string;
  /** Line number of the first line pushed (default 1). */
  firstLine?: number;
}

export interface ZeekTsvReader {
  /** Feeds one line (without its newline); returns a record for data lines, undefined for header lines. */
  push(line: string): RawRecord | undefined;
  /** The header in force, if any. */
  header(): ZeekTsvHeader | undefined;
}

export function createZeekTsvReader(options: ZeekTsvReaderOptions = {}): ZeekTsvReader {
  const defaultPath = options.path ?? pathFromHint(options.file);
  let partial: Partial<ZeekTsvHeader> = defaultPath ? { path: defaultPath } : {};
  let header: ZeekTsvHeader | undefined;
  let lineNo = (options.firstLine ?? 1) - 1;
  return {
    header: () => header,
    push(rawLine: string): RawRecord | undefined {
      lineNo++;
      const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
      if (line === "") return undefined;
      if (line.startsWith("#")) {
        if (line.startsWith("#separator")) partial = defaultPath ? { path: defaultPath } : {};
        applyHeaderLine(partial, line);
        if (line.startsWith("#fields") || line.startsWith("#separator")) header = completeHeader(partial);
        else if (header && (line.startsWith("#types") || line.startsWith("#path"))) header = completeHeader(partial);
        return undefined;
      }
      header ??= headerFromLayout(partial, line);
      const provenance = options.file === undefined ? { line: lineNo } : { file: options.file, line: lineNo };
      return header ? { value: line, provenance, tsvHeader: header } : { value: line, provenance };
    },
  };
}

/** Every data line of a whole TSV text, as records. */
export function* readZeekTsv(text: string, options: ZeekTsvReaderOptions = {}): Generator<RawRecord> {
  const reader = createZeekTsvReader(options);
  for (const line of text.split("\n")) {
    const record = reader.push(line);
    if (record) yield record;
  }
}

/** True when a file's first bytes look like a Zeek TSV log rather than NDJSON. */
export function looksLikeZeekTsv(firstLine: string): boolean {
  return (
    firstLine.startsWith("#separator") ||
    firstLine.startsWith("#fields") ||
    firstLine.startsWith("##") ||
    firstLine.startsWith("#path")
  );
}
