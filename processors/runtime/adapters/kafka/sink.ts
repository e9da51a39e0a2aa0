// RecordSink over an idempotent kafkajs producer with acks=all: `send` resolves once the brokers have
// the records, which is what lets a stage commit its input offsets afterwards.
// gzip stays on: turning it off (with requests cut to fit max.message.bytes) saved no measurable CPU in
// a `run` on the bench (issue 8), and the events topic (JSON, ~2 kB per event, 7-day retention) would
// grow several times on disk.
import { CompressionTypes, type Kafka, type Message, type Producer, type TopicMessages } from "kafkajs";
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
    await this.#producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.GZIP,
      topicMessages: groupByTopic(records),
    });
  }

  async close(): Promise<void> {
    if (this.#connected) await this.#producer.disconnect();
  }
}

/** One list of kafkajs messages per topic, in record order (linear: batches hold thousands of records). */
function groupByTopic(records: OutputRecord[]): TopicMessages[] {
  const out: TopicMessages[] = [];
  let last: TopicMessages | undefined;
  for (const r of records) {
    if (last?.topic !== r.topic) {
      last = out.find((t) => t.topic === r.topic);
      if (!last) {
        last = { topic: r.topic, messages: [] };
        out.push(last);
      }
    }
    last.messages.push(toMessage(r));
  }
  return out;
}

function toMessage(r: OutputRecord): Message {
  const message: Message = { key: r.key, value: toValue(r.value) };
  if (r.headers) message.headers = r.headers;
  if (r.partition !== undefined) message.partition = r.partition;
  return message;
}

/** A view on the bytes, not a copy (kafkajs needs a Buffer or a string). */
function toValue(value: OutputRecord["value"]): Buffer | string | null {
  if (value === null || typeof value === "string" || Buffer.isBuffer(value)) return value;
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}
