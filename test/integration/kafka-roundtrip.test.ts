// The real broker: keyed records produced to a multi-partition topic come back from a consumer group in
// per-key order on the partition their key hashes to, and committed offsets survive a consumer restart.
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testStack, uniqueName } from "../support/stack.ts";

const kafka = new Kafka({ clientId: "gapwatch-test", brokers: testStack().kafkaBrokers, logLevel: logLevel.ERROR });
const admin = kafka.admin();
const topic = uniqueName("it-roundtrip");

async function consumeAll(groupId: string, expected: number, timeoutMs = 30_000) {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  // Manual commits, as gapwatch does: the next offset of each partition, after processing.
  const commit = () =>
    consumer.commitOffsets(
      [...new Set(seen.map((r) => r.partition))].map((partition) => ({
        topic,
        partition,
        offset: String(Math.max(...seen.filter((r) => r.partition === partition).map((r) => Number(r.offset))) + 1),
      })),
    );
  const seen: { key: string; value: string; partition: number; offset: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`only ${seen.length}/${expected} records in ${timeoutMs} ms`)),
      timeoutMs,
    );
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ message, partition }) => {
        seen.push({
          key: message.key!.toString(),
          value: message.value!.toString(),
          partition,
          offset: message.offset,
        });
        if (seen.length >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  return { consumer, seen, done, commit };
}

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect();
});

describe("Kafka round trip on the real broker", () => {
  it("delivers every keyed record once, in order per key, on a stable partition per key", async () => {
    const producer = kafka.producer();
    await producer.connect();
    const hosts = ["fin-lt-023", "ews-01", "ot-jump-01", "hmi-01"];
    const messages = Array.from({ length: 120 }, (_, i) => ({
      key: hosts[i % hosts.length]!,
      value: JSON.stringify({ seq: i, host: hosts[i % hosts.length] }),
    }));
    await producer.send({ topic, messages, acks: -1 });
    await producer.disconnect();

    const { consumer, seen, done } = await consumeAll(uniqueName("group"), messages.length);
    await done;
    await consumer.disconnect();

    expect(seen).toHaveLength(120);
    for (const host of hosts) {
      const mine = seen.filter((r) => r.key === host);
      expect(mine).toHaveLength(30);
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      const seqs = mine.map((r) => (JSON.parse(r.value) as { seq: number }).seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    expect(new Set(seen.map((r) => r.partition)).size).toBeGreaterThan(1);
  });

  it("resumes a consumer group from its committed offsets after a restart", async () => {
    const groupId = uniqueName("resume");
    const first = await consumeAll(groupId, 120);
    await first.done;
    await first.commit();
    await first.consumer.disconnect();
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    // A partition no key hashed to has no committed offset ("-1").
    const committed = offsets[0]!.partitions.filter((p) => p.offset !== "-1");
    expect(committed.reduce((sum, p) => sum + Number(p.offset), 0)).toBe(120);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: "late-host", value: "after-restart" }] });
    await producer.disconnect();

    const second = await consumeAll(groupId, 1);
    await second.done;
    await new Promise((resolve) => setTimeout(resolve, 1000)); // anything re-delivered would arrive by now
    await second.consumer.disconnect();
    expect(second.seen.map((r) => r.value)).toEqual(["after-restart"]);
  });
});
