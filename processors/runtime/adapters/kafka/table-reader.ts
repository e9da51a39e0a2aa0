// Reads a (compacted) topic whole, every partition from the beginning: the GlobalKTable pattern for the
// identity table, and the on-assignment load of state snapshots. The reader joins a private consumer
// group that never commits (so it always starts from the beginning and leaves nothing behind).
import { randomUUID } from "node:crypto";
import type { Consumer, Kafka } from "kafkajs";
import type { Logger } from "pino";
import type { SourceRecord } from "../../ports/record.ts";

export interface TableReaderOptions {
  topic: string;
  groupPrefix: string;
  /** Keep following the topic after catching up (global table) or stop (one-off load). */
  follow: boolean;
}

export class KafkaTableReader {
  readonly #kafka: Kafka;
  readonly #options: TableReaderOptions;
  readonly #logger: Logger;
  #consumer: Consumer | undefined;

  constructor(kafka: Kafka, options: TableReaderOptions, logger: Logger) {
    this.#kafka = kafka;
    this.#options = options;
    this.#logger = logger.child({ component: "table-reader", topic: options.topic });
  }

  /** Delivers every record; resolves once the end offsets seen at the start have all been read. */
  async start(onRecord: (record: SourceRecord) => void): Promise<void> {
    const admin = this.#kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(this.#options.topic).finally(() => admin.disconnect());
    const pending = new Map<number, bigint>();
    for (const p of ends) if (BigInt(p.high) > BigInt(p.low)) pending.set(p.partition, BigInt(p.high));
    if (pending.size === 0 && !this.#options.follow) return;

    const consumer = this.#kafka.consumer({
      groupId: `${this.#options.groupPrefix}.reader.${randomUUID()}`,
      maxBytesPerPartition: 16 * 1024 * 1024,
      maxWaitTimeInMs: 1000,
    });
    this.#consumer = consumer;
    let caughtUp: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      caughtUp = resolve;
    });
    if (pending.size === 0) caughtUp();
    await consumer.connect();
    await consumer.subscribe({ topic: this.#options.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          onRecord({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key ? m.key.toString("utf8") : null,
            value: m.value ? new Uint8Array(m.value.buffer, m.value.byteOffset, m.value.byteLength) : null,
            headers: {},
            timestamp: Number(m.timestamp),
          });
        }
        const end = pending.get(batch.partition);
        if (end !== undefined && BigInt(batch.lastOffset()) + 1n >= end) {
          pending.delete(batch.partition);
          if (pending.size === 0) caughtUp();
        }
      },
    });
    await done;
    this.#logger.debug("caught up");
    if (!this.#options.follow) await this.stop();
  }

  async stop(): Promise<void> {
    const consumer = this.#consumer;
    this.#consumer = undefined;
    if (consumer) await consumer.disconnect().catch(() => undefined);
  }
}
