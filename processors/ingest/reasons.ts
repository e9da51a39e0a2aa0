// Dead-letter reason codes: stable strings used as the `code` of a DeadLetter and as the `reason` label of
// gapwatch_ingest_dead_letters_total. Adding one is fine; renaming one breaks dashboards.
export const DEAD_LETTER_CODES = [
  /** The record is larger than limits.maxRecordBytes. */
  "record_too_large",
  /** Empty or whitespace-only value. */
  "empty_record",
  /** The bytes are not valid UTF-8 (decoded with a fatal decoder; no replacement characters are invented). */
  "invalid_utf8",
  /** JSON syntax error; the reason carries the position. */
  "parse_error",
  /** Objects/arrays nested deeper than limits.maxDepth. */
  "depth_exceeded",
  /** No normaliser recognises the record, or the forced format does not exist. */
  "unknown_format",
  /** A field the canonical event needs is absent (e.g. the timestamp). */
  "missing_field",
  /** A field is present but unusable (e.g. a timestamp that is not a time). */
  "invalid_field",
  /** BTest-style masked timestamp (`XXXXXXXXXX.XXXXXX`). */
  "timestamp_masked",
  /** Event time too far before/after ingest time (limits.maxPastSeconds / maxFutureSeconds). */
  "timestamp_out_of_range",
  /** A record of a known family that gapwatch deliberately does not turn into events (e.g. Zeek packet_filter). */
  "unsupported_record",
  /** The normalised event does not satisfy the canonical schema; `field` names the path. */
  "validation_failed",
  /** A normaliser threw: a gapwatch bug, contained so the partition goes on. */
  "normaliser_error",
] as const;

export type DeadLetterCode = (typeof DEAD_LETTER_CODES)[number];
