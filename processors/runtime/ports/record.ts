// A record as gapwatch's I/O sees it, whatever carries it (Kafka, a file, memory): bytes plus coordinates.
// Adapters translate their client's record into this shape so that stages never see a client type.

export type Headers = Record<string, string>;

/** One record read from a source. `offset` is a decimal string (Kafka offsets exceed 2^53). */
export interface SourceRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Uint8Array | null;
  headers: Headers;
  /** Broker/file timestamp in ms since the epoch (ingest time, never used as event time). */
  timestamp: number;
}

/** One record to write. `partition` is left to the sink's partitioner (hash of key) when absent. */
export interface OutputRecord {
  topic: string;
  key: string | null;
  value: Uint8Array | string | null;
  headers?: Headers;
  partition?: number;
}
