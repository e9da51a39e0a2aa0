// Public surface of the ingest stage.
export { DEFAULT_INGEST_CONFIG, IngestConfig } from "./config.ts";
export { ingestRecord } from "./core.ts";
export { detectFormat, type FormatId } from "./detect-format.ts";
export { DEAD_LETTER_CODES, type DeadLetterCode } from "./reasons.ts";
export type { DeadLetter, IngestOptions, IngestResult, RawProvenance, RawRecord, ZeekTsvHeader } from "./types.ts";
export { createZeekTsvReader, looksLikeZeekTsv, readZeekTsv, type ZeekTsvReader } from "./zeek-tsv-reader.ts";
