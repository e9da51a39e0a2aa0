// RecordSink over an idempotent kafkajs producer with acks=all: `send` resolves once the brokers have
// the records, which is what lets a stage commit its input offsets afterwards.
// gzip stays on: turning it off (with requests cut to fit max.message.bytes) saved no measurable CPU in
// a `run` on the bench (issue 8), and the events topic (JSON, ~2 kB per event, 7-day retention) would
// grow several times on disk.
import { CompressionTypes, type Kafka, type Message, type Producer, type TopicMessages } from "kafkajs";
import type { OutputRecord } from "../../ports/record.ts";
import type { RecordSink } from "../../ports/record-sink.ts";

/**
 * Most bytes (keys, values, headers, before compression) in one produce request. The broker refuses a
 * partition's record batch larger than max.message.bytes (1 MiB by default) AFTER compression and kafkajs
 * retries that refusal until it gives up, so a stage would retry its batch forever. Counted before
 * compression, a request under the default limit fits whatever gzip achieves on it. A single larger record
 * goes alone (its topic must allow it, as the state topic does).
 */
export const MAX_REQUEST_BYTES = 900_000;

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
    // In order, one request at a time: with idempotence this keeps each partition's order across chunks.
    for (const chunk of chunkBySize(records, MAX_REQUEST_BYTES)) {
      await this.#producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.GZIP,
        topicMessages: groupByTopic(chunk),
      });
    }
  }

  async close(): Promise<void> {
    if (this.#connected) await this.#producer.disconnect();
  }
}

/** Consecutive runs of records whose sizes add up to at most `maxBytes` (a larger record is a run of its own). */
export function chunkBySize(records: OutputRecord[], maxBytes: number): OutputRecord[][] {
  const chunks: OutputRecord[][] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < records.length; i++) {
    const size = sizeOf(records[i]!);
    if (i > start && bytes + size > maxBytes) {
      chunks.push(records.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (start < records.length) chunks.push(start === 0 ? records : records.slice(start));
  return chunks;
}

/** Bytes of a record on the wire before compression, near enough (record framing is a few bytes). */
function sizeOf(r: OutputRecord): number {
  let size = 16 + (r.key === null ? 0 : Buffer.byteLength(r.key));
  if (r.value !== null) size += typeof r.value === "string" ? Buffer.byteLength(r.value) : r.value.byteLength;
  if (r.headers) for (const name in r.headers) size += name.length + Buffer.byteLength(r.headers[name]!);
  return size;
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
