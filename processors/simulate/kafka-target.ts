// The simulator's Kafka output: creates the raw topics it writes (if missing) and produces through the
// runtime's Kafka adapter (the only code allowed to hold a Kafka client), acks=all.
import { ensureTopics } from "../runtime/adapters/kafka/admin.ts";
import { createKafka } from "../runtime/adapters/kafka/client.ts";
import { KafkaRecordSink } from "../runtime/adapters/kafka/sink.ts";
import { KafkaConfig } from "../runtime/config/schema.ts";
import { createLogger } from "../runtime/logger.ts";
import type { StreamTarget } from "./stream.ts";

export interface KafkaTarget extends StreamTarget {
  close(): Promise<void>;
}

export async function openKafkaTarget(brokers: string[], topics: string[], partitions = 3): Promise<KafkaTarget> {
  const config = KafkaConfig.parse({ brokers, client_id: "gapwatch-simulate" });
  const kafka = createKafka(config, createLogger("error"));
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(
      admin,
      topics.map((name) => ({ name, partitions, cleanup_policy: "delete" as const })),
      -1,
    );
  } finally {
    await admin.disconnect();
  }
  const sink = new KafkaRecordSink(kafka);
  await sink.connect();
  return { send: (records) => sink.send(records), close: () => sink.close() };
}
