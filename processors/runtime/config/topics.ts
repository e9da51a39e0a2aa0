// Topic names and sizes come from infra/topics.yaml and nowhere else (STYLE.md section 7): this module
// reads that file once and is the constants module every other file imports.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";

export const InternalTopic = z.strictObject({
  name: z.string().min(1).describe("Topic name."),
  partitions: z.number().int().min(1).max(10_000).describe("Partition count used when gapwatch creates it."),
  cleanup_policy: z.enum(["delete", "compact"]).describe("Kafka cleanup.policy; checked against the broker at start."),
  retention_ms: z.number().int().min(-1).optional().describe("retention.ms when gapwatch creates the topic."),
  max_message_bytes: z.number().int().positive().optional().describe("max.message.bytes when gapwatch creates it."),
  configs: z
    .record(z.string(), z.string())
    .optional()
    .describe("Other topic configs set when gapwatch creates the topic (e.g. segment.ms for compaction)."),
  description: z.string().optional().describe("What the topic carries (documentation only)."),
});
export type InternalTopic = z.infer<typeof InternalTopic>;

export const INTERNAL_TOPIC_ROLES = ["events", "identity", "state", "dead_letter", "incidents", "outbox"] as const;
export type InternalTopicRole = (typeof INTERNAL_TOPIC_ROLES)[number];

const TopicsFile = z.strictObject({
  internal: z.strictObject(
    Object.fromEntries(INTERNAL_TOPIC_ROLES.map((role) => [role, InternalTopic])) as Record<
      InternalTopicRole,
      typeof InternalTopic
    >,
  ),
  raw: z.array(z.strictObject({ name: z.string(), format: z.string() })),
});

export const TOPICS_FILE = fileURLToPath(new URL("../../../infra/topics.yaml", import.meta.url));

/** The defaults of infra/topics.yaml (validated at import: a broken file is a programming error). */
export const defaultTopics = TopicsFile.parse(parse(readFileSync(TOPICS_FILE, "utf8")));
