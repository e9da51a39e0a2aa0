// Ingest stage configuration (STYLE.md §2): strict, every field described, defaults explicit.
import { z } from "zod";

export const IngestLimitsConfig = z
  .strictObject({
    maxRecordBytes: z
      .number()
      .int()
      .positive()
      .default(1_048_576)
      .describe("Largest raw record accepted, in bytes; larger records become `record_too_large` dead letters."),
    maxDepth: z
      .number()
      .int()
      .positive()
      .max(1000)
      .default(32)
      .describe("Deepest JSON nesting accepted (objects and arrays); deeper records become `depth_exceeded`."),
  })
  .describe("Bounds that protect the process from hostile or broken records.");

export const IngestTimeBoundsConfig = z
  .strictObject({
    maxFutureSeconds: z
      .number()
      .nonnegative()
      .default(86_400)
      .describe(
        "Event time may be at most this far after ingest time (sensor clock skew); else `timestamp_out_of_range`.",
      ),
    maxPastSeconds: z
      .number()
      .nonnegative()
      .default(30 * 365 * 86_400)
      .describe("Event time may be at most this far before ingest time; generous so old captures can be replayed."),
  })
  .describe("Plausibility window of event time relative to ingest time (checked only when ingestedAt is given).");

export const IngestConfig = z
  .strictObject({
    format: z
      .string()
      .min(1)
      .optional()
      .describe("Force one source family (see mappings/sources/index.ts) instead of detecting it per record."),
    limits: IngestLimitsConfig.default({ maxRecordBytes: 1_048_576, maxDepth: 32 }),
    timeBounds: IngestTimeBoundsConfig.default({ maxFutureSeconds: 86_400, maxPastSeconds: 30 * 365 * 86_400 }),
    originalMaxChars: z
      .number()
      .int()
      .nonnegative()
      .default(4096)
      .describe("Bound of event.original in characters (0 keeps no original). Credentials are always redacted."),
    validation: z
      .enum(["fast", "schema"])
      .default("fast")
      .describe(
        "`fast`: hand-written checks of the canonical contract (fuzz-tested to agree with the schema); `schema`: zod on every event.",
      ),
  })
  .describe("How raw records are decoded, detected, normalised and validated.");

export type IngestConfig = z.infer<typeof IngestConfig>;

export const DEFAULT_INGEST_CONFIG: IngestConfig = IngestConfig.parse({});
