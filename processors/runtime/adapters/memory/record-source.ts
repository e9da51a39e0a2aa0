// In-memory RecordSource: a test pushes batches and assignment changes by hand and reads the commits.
import type { SourceRecord } from "../../ports/record.ts";
import { partitionId, type RecordSource, type SourceHandlers, type TopicPartition } from "../../ports/record-source.ts";

export class MemoryRecordSource implements RecordSource {
  readonly commits = new Map<string, string>();
  readonly seeks = new Map<string, string>();
  #handlers: SourceHandlers | undefined;

  async start(handlers: SourceHandlers): Promise<void> {
    this.#handlers = handlers;
  }

  async assign(partitions: TopicPartition[]): Promise<void> {
    await this.#handlers?.onAssigned?.(partitions);
  }

  async revoke(partitions: TopicPartition[]): Promise<void> {
    await this.#handlers?.onRevoked?.(partitions);
  }

  /** Delivers records of one partition as one batch; `active` false simulates a revoked partition. */
  async deliver(records: SourceRecord[], options: { active?: () => boolean } = {}): Promise<void> {
    const first = records[0];
    if (!first || !this.#handlers) return;
    await this.#handlers.onBatch({
      topic: first.topic,
      partition: first.partition,
      records,
      highWatermark: String(BigInt(records[records.length - 1]?.offset ?? "0") + 1n),
      heartbeat: async () => {},
      markProcessed: () => {},
      isActive: options.active ?? (() => true),
    });
  }

  async commit(offsets: Array<TopicPartition & { offset: string }>): Promise<void> {
    for (const o of offsets) this.commits.set(partitionId(o), o.offset);
  }

  seek(tp: TopicPartition, offset: string): void {
    this.seeks.set(partitionId(tp), offset);
  }

  /** Currently paused partitions, as "topic:partition". */
  readonly paused = new Set<string>();

  pause(partitions: TopicPartition[]): void {
    for (const tp of partitions) this.paused.add(partitionId(tp));
  }

  resume(partitions: TopicPartition[]): void {
    for (const tp of partitions) this.paused.delete(partitionId(tp));
  }
  async stop(): Promise<void> {}
}
