// The delivery outbox (processors/deliver/outbox.ts) on a compacted Kafka topic: key = target/incident,
// value = the latest OutboxRecord, a tombstone (null) when there is nothing left to remember. Dead pages go
// to the dead-letter topic with the reason. put() resolves once the brokers acknowledged (acks=all).
import type { Kafka } from "kafkajs";
import type { Logger } from "pino";
import { type DeadLetter, type DeliveryOutbox, isTombstone, type OutboxRecord } from "../../../deliver/outbox.ts";
import { HEADER } from "../../wire.ts";
import type { KafkaRecordSink } from "./sink.ts";
import { KafkaTableReader } from "./table-reader.ts";

export class KafkaOutbox implements DeliveryOutbox {
  constructor(
    private readonly kafka: Kafka,
    private readonly sink: KafkaRecordSink,
    private readonly topics: { outbox: string; deadLetter: string },
    private readonly groupPrefix: string,
    private readonly logger: Logger,
  ) {}

  async load(): Promise<OutboxRecord[]> {
    const latest = new Map<string, OutboxRecord>();
    const reader = new KafkaTableReader(
      this.kafka,
      { topic: this.topics.outbox, groupPrefix: this.groupPrefix, follow: false },
      this.logger,
    );
    await reader.start((record) => {
      if (!record.key) return;
      if (record.value === null) {
        latest.delete(record.key);
        return;
      }
      try {
        latest.set(record.key, JSON.parse(Buffer.from(record.value).toString("utf8")) as OutboxRecord);
      } catch {
        this.logger.warn({ key: record.key, offset: record.offset }, "unreadable outbox record skipped");
      }
    });
    return [...latest.values()];
  }

  async put(records: readonly OutboxRecord[]): Promise<void> {
    await this.sink.send(
      records.map((r) => ({ topic: this.topics.outbox, key: r.key, value: isTombstone(r) ? null : JSON.stringify(r) })),
    );
  }

  async deadLetter(entry: DeadLetter): Promise<void> {
    await this.sink.send([
      {
        topic: this.topics.deadLetter,
        key: `${entry.target}/${entry.incident_id}`,
        value: JSON.stringify(entry),
        headers: { [HEADER.dlqCode]: "delivery.gave_up", [HEADER.dlqReason]: entry.reason.slice(0, 1000) },
      },
    ]);
  }

  async close(): Promise<void> {}
}
