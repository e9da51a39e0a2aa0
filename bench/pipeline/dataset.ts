// The benchmark's input: the simulated plant's records (background with the attack chains at their natural
// ratio), written once to one raw topic that every consumer under test then reads from the beginning.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { CompressionTypes, Kafka, logLevel } from "kafkajs";
import { simulateConfig } from "../../processors/simulate/config.ts";
import { createSimulation, type Simulation } from "../../processors/simulate/core.ts";
import { siteYaml } from "../../processors/simulate/site-yaml.ts";

export interface Dataset {
  simulation: Simulation;
  messages: Array<{ key: string | null; value: string; topic: string }>;
  bytes: number;
  attackRecords: number;
  dir: string;
  sitePath: string;
}

/** `minutes` of simulated plant time; the default plant makes about 1,300 records per minute. */
export async function buildDataset(minutes: number, itHosts: number): Promise<Dataset> {
  const simulation = createSimulation(
    simulateConfig({ seed: "gapwatch-bench", durationMinutes: minutes, plant: { itHosts } }),
  );
  const messages: Dataset["messages"] = [];
  let bytes = 0;
  let attackRecords = 0;
  for (const batch of simulation.batches()) {
    for (const record of batch) {
      const value = JSON.stringify(record.value);
      bytes += value.length;
      if (record.chain) attackRecords += 1;
      messages.push({ key: record.key ?? null, value, topic: record.topic });
    }
  }
  const dir = await mkdtemp(path.join(tmpdir(), "gapwatch-bench-"));
  const sitePath = path.join(dir, "site.yaml");
  await writeFile(sitePath, siteYaml(simulation.plant));
  return { simulation, messages, bytes, attackRecords, dir, sitePath };
}

export function benchKafka(brokers: string[], clientId: string): Kafka {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
}

export async function createTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
    });
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopicsWithPrefix(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

/** Produces every message (acks=all, 1,000 per request); resolves with messages/s of the load itself. */
export async function produceAll(kafka: Kafka, topic: string, messages: Dataset["messages"]): Promise<number> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = performance.now();
  try {
    const inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < messages.length; i += 1000) {
      inFlight.push(
        producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: messages.slice(i, i + 1000) }),
      );
      if (inFlight.length >= 4) await inFlight.shift();
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
  return messages.length / ((performance.now() - started) / 1000);
}

/** Records in the topic (sum of the partitions' end offsets). */
export async function topicSize(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}
