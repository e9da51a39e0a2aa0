// Configuration of the Elasticsearch incident sink. Strict: unknown keys are rejected with their path.
import { z } from "zod";

export const EsSinkConfig = z
  .strictObject({
    node: z.url().describe("Elasticsearch URL, e.g. https://es.example:9200."),
    auth: z
      .union([
        z.strictObject({ api_key: z.string().min(1).describe("Encoded API key (id:key base64).") }),
        z.strictObject({ username: z.string().min(1), password: z.string().min(1) }),
      ])
      .optional()
      .describe("Credentials; never logged."),
    tls: z
      .strictObject({
        ca_file: z.string().optional().describe("PEM file of the CA that signed the server certificate."),
        reject_unauthorized: z.boolean().default(true).describe("Verify the server certificate."),
      })
      .optional(),
    index: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case index name without wildcards")
      .default("gapwatch-incidents")
      .describe("Base index name. Use a logs-* name to let Elastic Security's External Alerts rule pick incidents up."),
    partition: z
      .enum(["none", "month"])
      .default("month")
      .describe("One index, or one per month of the incident's window start (<index>-YYYY.MM)."),
    shards: z.number().int().min(1).max(64).default(1).describe("Primary shards per incident index."),
    auto_expand_replicas: z.string().default("0-1").describe("Replica range; 0-1 suits one node and a cluster."),
    refresh_interval: z
      .string()
      .regex(/^(-1|\d+(ms|s|m))$/, "an Elasticsearch time value such as 250ms, 1s or -1")
      .default("250ms")
      .describe(
        "How soon an incident becomes searchable. Incidents are few, so refreshing often is cheap; an explicit " +
          "interval also keeps a search-idle index from delaying the first search after a quiet spell.",
      ),
    ilm: z
      .strictObject({
        policy: z.string().default("gapwatch-incidents").describe("ILM policy name attached to incident indices."),
        delete_after: z
          .string()
          .regex(/^\d+[dh]$/)
          .optional()
          .describe("When set, gapwatch creates the policy deleting an index this long after creation (e.g. 400d)."),
      })
      .default({ policy: "gapwatch-incidents" })
      .describe("Applied only when the server has ILM (detected at start)."),
    bulk: z
      .strictObject({
        max_docs: z.number().int().min(1).default(500).describe("Documents per bulk request."),
        max_bytes: z.number().int().min(1024).default(5_000_000).describe("Bytes per bulk request."),
        concurrency: z.number().int().min(1).max(16).default(2).describe("Bulk requests in flight."),
        high_water_bytes: z
          .number()
          .int()
          .min(1024)
          .default(20_000_000)
          .describe("Bytes waiting or in flight above which the sink reports itself saturated."),
      })
      .default({ max_docs: 500, max_bytes: 5_000_000, concurrency: 2, high_water_bytes: 20_000_000 }),
    retry: z
      .strictObject({
        base_ms: z.number().int().min(1).default(200),
        max_ms: z.number().int().min(1).default(30_000),
        give_up_after_ms: z
          .number()
          .int()
          .min(0)
          .default(0)
          .describe("Fail the write after retrying this long (0: retry until closed; the consumer stays paused)."),
      })
      .default({ base_ms: 200, max_ms: 30_000, give_up_after_ms: 0 }),
    request_timeout_ms: z.number().int().min(100).default(30_000).describe("Timeout of each HTTP request."),
    refresh: z
      .enum(["false", "wait_for"])
      .default("false")
      .describe("wait_for makes writes visible to search before write() resolves (tests, demos)."),
  })
  .describe("Elasticsearch incident sink.");
export type EsSinkConfig = z.infer<typeof EsSinkConfig>;
