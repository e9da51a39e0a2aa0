// RecordSink over an idempotent kafkajs producer with acks=all: `send` resolves once the brokers have
// the records, which is what lets a stage commit its input offsets afterwards.
import { CompressionTypes, type Kafka, type Producer } from "kafkajs";
import type { OutputRecord } from "../../ports/record.ts";
import type { RecordSink } from "../../ports/record-sink.ts";

export class KafkaRecordSink implements RecordSink {
  readonly #producer: Producer;
  #connected: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    // Idempotence (one in-flight request) keeps per-partition order across retries: the correlate
    // stage's duplicate filter relies on records of one origin arriving in the order they were sent.
    this.#producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  connect(): Promise<void> {
    this.#connected ??= this.#producer.connect();
    return this.#connected;
  }

  async send(records: OutputRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, OutputRecord[]>();
    for (const record of records) byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
    await this.#producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.GZIP,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((r) => ({
          key: r.key,
          value: r.value === null ? null : typeof r.value === "string" ? r.value : Buffer.from(r.value),
          ...(r.headers ? { headers: r.headers } : {}),
          ...(r.partition !== undefined ? { partition: r.partition } : {}),
        })),
      })),
    });
  }

  async close(): Promise<void> {
    if (this.#connected) await this.#producer.disconnect();
  }
}
