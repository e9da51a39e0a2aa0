// The Kafka record sink on the real broker: a stage's batch can hold more than a broker accepts in one
// record batch (max.message.bytes counts compressed bytes), and a refused batch would be retried forever,
// stalling its partition. The sink must cut it into requests the broker takes, keeping each partition's order.
import { randomBytes } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KafkaRecordSink } from "../../processors/runtime/adapters/kafka/sink.ts";
import type { OutputRecord } from "../../processors/runtime/ports/record.ts";
import { testStack, uniqueName } from "../support/stack.ts";

const kafka = new Kafka({ clientId: "gapwatch-test", brokers: testStack().kafkaBrokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const topic = uniqueName("it-sink");

beforeAll(async () => {
  await admin.connect();
  // The broker's default max.message.bytes (1 MiB), as a user's topic would have it.
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
});

describe("Kafka record sink on the real broker", () => {
  it("delivers one send() larger than max.message.bytes after compression, in order per key", async () => {
    // ~5.3 MB of random base64 (gzip gains little on it): far over 1 MiB per partition in one request.
    const records: OutputRecord[] = Array.from({ length: 4000 }, (_, i) => ({
      topic,
      key: `k${i % 8}`,
      value: JSON.stringify({ seq: i, pad: randomBytes(1000).toString("base64") }),
    }));
    const sink = new KafkaRecordSink(kafka);
    try {
      await sink.send(records);
    } finally {
      await sink.close();
    }

    const consumer = kafka.consumer({ groupId: uniqueName("it-sink-reader"), maxWaitTimeInMs: 200 });
    const seen: { key: string; seq: number }[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${seen.length}/4000 records read`)), 60_000);
        void consumer.run({
          eachMessage: async ({ message }) => {
            seen.push({
              key: message.key!.toString(),
              seq: (JSON.parse(message.value!.toString()) as { seq: number }).seq,
            });
            if (seen.length >= records.length) {
              clearTimeout(timer);
              resolve();
            }
          },
        });
      });
    } finally {
      await consumer.disconnect();
    }
    expect(seen).toHaveLength(4000);
    expect(new Set(seen.map((s) => s.seq)).size).toBe(4000);
    for (let k = 0; k < 8; k++) {
      const order = seen.filter((s) => s.key === `k${k}`).map((s) => s.seq);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  }, 120_000);
});
