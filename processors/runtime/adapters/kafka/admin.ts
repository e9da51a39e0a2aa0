// Creates gapwatch's internal topics at start and checks existing ones: a partition count or cleanup
// policy that differs from the declared one is a startup error, because silently running on the wrong
// partitioning would put one key's state on two owners.
import type { Admin } from "kafkajs";
import type { InternalTopic } from "../../config/topics.ts";
import { ConfigError } from "../../errors.ts";

const TOPIC_RESOURCE = 2; // kafkajs ResourceTypes.TOPIC

export interface TopicCheck {
  topic: string;
  created: boolean;
}

export async function ensureTopics(
  admin: Admin,
  topics: InternalTopic[],
  replicationFactor: number,
): Promise<TopicCheck[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.name));
  if (missing.length > 0) {
    await admin
      .createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor,
          configEntries: [
            { name: "cleanup.policy", value: t.cleanup_policy },
            ...(t.retention_ms !== undefined ? [{ name: "retention.ms", value: String(t.retention_ms) }] : []),
            ...(t.max_message_bytes !== undefined
              ? [{ name: "max.message.bytes", value: String(t.max_message_bytes) }]
              : []),
            ...Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
          ],
        })),
      })
      .catch((error: unknown) => {
        // Another instance may have created them a moment ago; the check below decides.
        if (!String((error as Error).message).includes("already exists")) throw error;
      });
  }
  await verifyTopics(admin, topics);
  return topics.map((t) => ({ topic: t.name, created: missing.includes(t) }));
}

export async function verifyTopics(admin: Admin, topics: InternalTopic[]): Promise<void> {
  if (topics.length === 0) return;
  const metadata = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.name) });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((t) => ({ type: TOPIC_RESOURCE, name: t.name, configNames: ["cleanup.policy"] })),
  });
  for (const topic of topics) {
    const partitions = metadata.topics.find((m) => m.name === topic.name)?.partitions.length ?? 0;
    if (partitions !== topic.partitions) {
      throw new ConfigError(
        "topic.partitions_mismatch",
        `topic ${topic.name} has ${partitions} partitions but the configuration declares ${topic.partitions}; ` +
          "correlation state is partitioned by it, so gapwatch will not run on a different count " +
          "(fix the config or recreate the topic)",
        { location: { topic: topic.name } },
      );
    }
    const policy = configs.resources
      .find((r) => r.resourceName === topic.name)
      ?.configEntries.find((e) => e.configName === "cleanup.policy")?.configValue;
    if (policy !== undefined && policy !== topic.cleanup_policy) {
      throw new ConfigError(
        "topic.cleanup_policy_mismatch",
        `topic ${topic.name} has cleanup.policy=${policy} but gapwatch needs ${topic.cleanup_policy}`,
        { location: { topic: topic.name } },
      );
    }
  }
}

/**
 * Whether a consumer group has committed every partition of `topics` up to its end: nothing is left for it
 * to consume. The correlate stage asks it of the route group before it lets an idle partition's watermark
 * follow the clock. An error (broker unreachable, group unknown to the coordinator yet) answers false.
 */
export async function groupCaughtUp(admin: Admin, groupId: string, topics: string[]): Promise<boolean> {
  try {
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const topic of topics) {
      const mine = committed.find((t) => t.topic === topic)?.partitions ?? [];
      for (const end of await admin.fetchTopicOffsets(topic)) {
        const offset = mine.find((p) => p.partition === end.partition)?.offset ?? "-1";
        const consumed = offset === "-1" ? end.high === end.low : BigInt(offset) >= BigInt(end.high);
        if (!consumed) return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}
