// Record source port (STYLE.md section 3): batches of records per partition with an explicit commit
// handle, so a stage commits only after every output of the batch is durable (at-least-once).
import type { SourceRecord } from "./record.ts";

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** A batch of records from one partition, in offset order. */
export interface RecordBatch {
  topic: string;
  partition: number;
  records: SourceRecord[];
  /** The partition's high watermark when the batch was fetched (for lag), as a decimal string. */
  highWatermark: string;
  /** Keeps group membership alive during long work (Kafka heartbeats only flow between awaits). */
  heartbeat(): Promise<void>;
  /** Moves the fetch position past `offset` (inclusive) without committing it. */
  markProcessed(offset: string): void;
  /** False once the partition was revoked or the source is stopping: stop work and do not commit. */
  isActive(): boolean;
}

/** What a stage does with the partitions it is given. */
export interface SourceHandlers {
  /** Called before any batch of the newly assigned partitions is delivered (restore state here). */
  onAssigned?(partitions: TopicPartition[]): Promise<void>;
  /** Called after the partitions were taken away (state for them must be dropped). */
  onRevoked?(partitions: TopicPartition[]): Promise<void>;
  onBatch(batch: RecordBatch): Promise<void>;
}

export interface RecordSource {
  /** Starts delivering batches; resolves once consuming has started. */
  start(handlers: SourceHandlers): Promise<void>;
  /** Next offset to read per partition: everything before it has durable outputs. */
  commit(offsets: Array<TopicPartition & { offset: string }>): Promise<void>;
  /** Makes the next batch of the partition start at `offset` (the current batch becomes inactive). */
  seek(tp: TopicPartition, offset: string): void;
  pause(partitions: TopicPartition[]): void;
  resume(partitions: TopicPartition[]): void;
  /** Stops fetching, waits for the batch in progress, leaves the group. */
  stop(): Promise<void>;
}

export function partitionId(tp: TopicPartition): string {
  return `${tp.topic}:${tp.partition}`;
}
