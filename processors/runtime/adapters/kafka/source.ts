// RecordSource over a kafkajs consumer group: eachBatch with manual commits (autoCommit off,
// eachBatchAutoResolve off), one partition at a time so per-partition order holds. Assignment changes
// come from the GROUP_JOIN event (kafkajs has no revoke callback): the handlers run before the first
// batch of a newly assigned partition is delivered, because every batch waits for them.
import type { Consumer, Kafka } from "kafkajs";
import type { Logger } from "pino";
import type { SourceRecord } from "../../ports/record.ts";
import {
  partitionId,
  type RecordBatch,
  type RecordSource,
  type SourceHandlers,
  type TopicPartition,
} from "../../ports/record-source.ts";

export interface KafkaSourceOptions {
  groupId: string;
  topics: string[];
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxBytesPerPartition: number;
  /** Where a partition with no committed offset starts. */
  fromBeginning: boolean;
}

export class KafkaRecordSource implements RecordSource {
  readonly #consumer: Consumer;
  readonly #options: KafkaSourceOptions;
  readonly #logger: Logger;
  #assigned = new Set<string>();
  #assignment: Promise<void> = Promise.resolve();
  #stopping = false;

  constructor(kafka: Kafka, options: KafkaSourceOptions, logger: Logger) {
    this.#options = options;
    this.#logger = logger.child({ component: "source", group: options.groupId });
    this.#consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: options.heartbeatIntervalMs,
      maxBytesPerPartition: options.maxBytesPerPartition,
      // A fetch waits at most this long for data; stop() waits for the fetch in flight, so it bounds shutdown.
      maxWaitTimeInMs: 1000,
      // A rebalance waits for the batch in progress; leave room for a slow sink write.
      rebalanceTimeout: Math.max(60_000, options.sessionTimeoutMs * 2),
    });
  }

  /** Called when the consumer crashed and kafkajs will not restart it (the process must exit). */
  onFatal: (error: Error) => void = () => undefined;
  #joined = false;

  /** True once the consumer joined its group at least once. */
  get joined(): boolean {
    return this.#joined;
  }

  async start(handlers: SourceHandlers): Promise<void> {
    const consumer = this.#consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.#logger.error({ err: payload.error, restart: payload.restart }, "consumer crashed");
      if (!payload.restart) this.onFatal(payload.error);
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const now = new Set<string>();
      const parts: TopicPartition[] = [];
      for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
        for (const partition of partitions) {
          now.add(partitionId({ topic, partition }));
          parts.push({ topic, partition });
        }
      }
      const added = parts.filter((tp) => !this.#assigned.has(partitionId(tp)));
      const removed = [...this.#assigned].filter((id) => !now.has(id)).map(parsePartitionId);
      this.#assigned = now;
      this.#joined = true;
      this.#logger.info({ assigned: [...now], added: added.length, revoked: removed.length }, "partitions assigned");
      const previous = this.#assignment;
      this.#assignment = previous.then(async () => {
        if (removed.length > 0) await handlers.onRevoked?.(removed);
        if (added.length > 0) await handlers.onAssigned?.(added);
      });
      this.#assignment.catch((error: unknown) => this.#logger.error({ err: error }, "assignment handler failed"));
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.#options.topics, fromBeginning: this.#options.fromBeginning });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset }) => {
        if (this.#stopping) return;
        await this.#assignment;
        const id = partitionId({ topic: batch.topic, partition: batch.partition });
        if (!this.#assigned.has(id) || batch.messages.length === 0) return;
        const records: SourceRecord[] = batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key ? m.key.toString("utf8") : null,
          value: m.value ? new Uint8Array(m.value.buffer, m.value.byteOffset, m.value.byteLength) : null,
          headers: decodeHeaders(m.headers),
          timestamp: Number(m.timestamp),
        }));
        const recordBatch: RecordBatch = {
          topic: batch.topic,
          partition: batch.partition,
          records,
          highWatermark: batch.highWatermark,
          heartbeat,
          markProcessed: resolveOffset,
          isActive: () => isRunning() && !isStale() && !this.#stopping && this.#assigned.has(id),
        };
        await handlers.onBatch(recordBatch);
      },
    });
  }

  async commit(offsets: Array<TopicPartition & { offset: string }>): Promise<void> {
    if (offsets.length === 0) return;
    await this.#consumer.commitOffsets(
      offsets.map((o) => ({ topic: o.topic, partition: o.partition, offset: o.offset })),
    );
  }

  seek(tp: TopicPartition, offset: string): void {
    this.#consumer.seek({ topic: tp.topic, partition: tp.partition, offset });
  }

  pause(partitions: TopicPartition[]): void {
    this.#consumer.pause(groupByTopic(partitions));
  }

  resume(partitions: TopicPartition[]): void {
    this.#consumer.resume(groupByTopic(partitions));
  }

  /** Stops delivering new batches (the one in progress finishes); the caller commits, then calls stop(). */
  quiesce(): void {
    this.#stopping = true;
  }

  assigned(): TopicPartition[] {
    return [...this.#assigned].map(parsePartitionId);
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#consumer.stop().catch(() => undefined);
    await this.#consumer.disconnect().catch(() => undefined);
  }
}

function decodeHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined || first === null) continue;
    out[name] = Buffer.isBuffer(first) ? first.toString("utf8") : String(first);
  }
  return out;
}

function groupByTopic(partitions: TopicPartition[]): Array<{ topic: string; partitions: number[] }> {
  const byTopic = new Map<string, number[]>();
  for (const tp of partitions) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  return [...byTopic].map(([topic, parts]) => ({ topic, partitions: parts }));
}

export function parsePartitionId(id: string): TopicPartition {
  const at = id.lastIndexOf(":");
  return { topic: id.slice(0, at), partition: Number(id.slice(at + 1)) };
}
