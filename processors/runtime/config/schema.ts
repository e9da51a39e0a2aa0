// The `gapwatch run` configuration file (YAML; GAPWATCH_* environment overrides, see env.ts). Strict
// objects everywhere so a misspelt key is an error with its line, never a silently ignored setting.
// Durations are milliseconds; every default is written here.
import { z } from "zod";
import { DeliveryConfig } from "../../deliver/config.ts";
import { IncidentDocumentConfig } from "../../incident/config.ts";
import { EsSinkConfig } from "../adapters/elasticsearch/config.ts";
import { defaultTopics, INTERNAL_TOPIC_ROLES, InternalTopic, type InternalTopicRole } from "./topics.ts";

const Path = z.string().min(1);

export const TlsConfig = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Use TLS to the brokers."),
    ca_file: Path.optional().describe("PEM file of the CA that signed the brokers' certificates."),
    cert_file: Path.optional().describe("Client certificate (PEM) for mutual TLS."),
    key_file: Path.optional().describe("Client key (PEM) for mutual TLS."),
    reject_unauthorized: z.boolean().default(true).describe("Refuse brokers whose certificate does not verify."),
  })
  .refine((tls) => (tls.cert_file === undefined) === (tls.key_file === undefined), {
    message: "cert_file and key_file go together",
  });

export const SaslConfig = z.strictObject({
  mechanism: z.enum(["plain", "scram-sha-256", "scram-sha-512"]).describe("SASL mechanism."),
  username: z.string().min(1).describe("SASL user."),
  password: z.string().min(1).describe("SASL password (secret: never logged)."),
});

export const KafkaConfig = z.strictObject({
  brokers: z
    .array(z.string().regex(/^[^:\s]+:\d+$/, "host:port"))
    .min(1)
    .describe("Bootstrap brokers."),
  client_id: z.string().default("gapwatch").describe("Client id reported to the brokers."),
  consumer_group: z
    .string()
    .default("gapwatch")
    .describe("Consumer group prefix: the route stage joins <group>.route, the correlate stage <group>.correlate."),
  tls: TlsConfig.default({ enabled: false, reject_unauthorized: true }),
  sasl: SaslConfig.optional(),
  connection_timeout_ms: z.number().int().positive().default(10_000),
  request_timeout_ms: z.number().int().positive().default(30_000),
  session_timeout_ms: z.number().int().min(6000).default(30_000),
  heartbeat_interval_ms: z.number().int().positive().default(3000),
  max_bytes_per_partition: z.number().int().positive().default(1_048_576).describe("Fetch size per partition."),
  replication_factor: z.number().int().min(-1).default(-1).describe("For created topics; -1 = broker default."),
});

export const RawTopicConfig = z.strictObject({
  name: z.string().min(1).describe("Raw input topic."),
  format: z.string().default("auto").describe("Source family (mappings/sources) or `auto` to detect per record."),
});

const internalTopics = Object.fromEntries(
  INTERNAL_TOPIC_ROLES.map((role) => [role, InternalTopic.default(defaultTopics.internal[role])]),
) as Record<InternalTopicRole, z.ZodDefault<typeof InternalTopic>>;

export const TopicsConfig = z.strictObject({
  raw: z.array(RawTopicConfig).min(1).describe("Input topics and their formats."),
  ...internalTopics,
});

export const StateBoundsConfig = z.strictObject({
  max_entries_per_rule: z.number().int().positive().default(100_000).describe("LRU bound per rule and partition."),
  ttl_ms: z.number().int().positive().default(86_400_000).describe("Idle state expiry (event time)."),
});

export const DetectionConfig = z.strictObject({
  site: Path.describe("Site model YAML (zones, conduits, assets)."),
  rules: Path.optional().describe("Rules directory; the built-in pack when absent."),
  allowed_lateness_ms: z.number().int().min(0).default(60_000).describe("Watermark = max event time - this."),
  eager_match: z
    .boolean()
    .default(true)
    .describe(
      "Evaluate `match` rules when an event arrives instead of when the watermark passes it (no lateness " +
        "delay); a suppression group is then anchored on the first event to arrive. false: strict event time.",
    ),
  state_bounds: StateBoundsConfig.default({ max_entries_per_rule: 100_000, ttl_ms: 86_400_000 }),
  max_derived_generations: z.number().int().min(0).max(64).default(8).describe("Bound on derived-event chains."),
});

export const RuntimeConfig = z.strictObject({
  roles: z
    .array(z.enum(["route", "correlate"]))
    .min(1)
    .default(["route", "correlate"])
    .describe("Stages this process runs."),
  instance_id: z.string().optional().describe("Stable name of this instance (default: hostname-pid)."),
  snapshot_interval_ms: z
    .number()
    .int()
    .min(0)
    .default(5000)
    .describe("How often correlation state is snapshotted and correlate offsets committed (0 = every batch)."),
  shutdown_timeout_ms: z.number().int().positive().max(60_000).default(8000).describe("Bound on graceful stop."),
  alignment_ms: z
    .number()
    .int()
    .min(0)
    .default(30_000)
    .describe(
      "Reading a backlog, pause a raw partition whose event time runs this far ahead of the slowest raw " +
        "partition that still has a backlog (keep it below allowed_lateness_ms; 0 = off).",
    ),
  idle_watermark_ms: z
    .number()
    .int()
    .min(0)
    .default(60_000)
    .describe(
      "After an events partition received nothing for this long (wall time), its watermark advances to its max " +
        "event time and then keeps pace with the wall clock, so the last windows close when input stops (0 = never). " +
        "Only while the route group has consumed every raw partition to its end: a stalled route stage is not a quiet input.",
    ),
});

export const MetricsConfig = z.strictObject({
  port: z.number().int().min(0).max(65_535).default(9464).describe("HTTP port for /metrics, /healthz, /readyz."),
  host: z.string().default("0.0.0.0"),
});

export const LoggingConfig = z.strictObject({
  level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export const GapwatchConfig = z
  .strictObject({
    kafka: KafkaConfig,
    topics: TopicsConfig,
    elasticsearch: EsSinkConfig.optional().describe("Incident sink (processors/runtime/adapters/elasticsearch)."),
    delivery: DeliveryConfig.optional().describe("Webhook targets and their delivery (processors/deliver)."),
    incident: IncidentDocumentConfig.optional().describe("How incidents are shaped (processors/incident)."),
    detection: DetectionConfig,
    runtime: RuntimeConfig.default({
      roles: ["route", "correlate"],
      snapshot_interval_ms: 5000,
      shutdown_timeout_ms: 8000,
      alignment_ms: 30_000,
      idle_watermark_ms: 60_000,
    }),
    metrics: MetricsConfig.default({ port: 9464, host: "0.0.0.0" }),
    logging: LoggingConfig.default({ level: "info" }),
  })
  .superRefine((config, ctx) => {
    if (config.delivery?.triage_sync.enabled && !config.elasticsearch) {
      ctx.addIssue({
        code: "custom",
        path: ["delivery", "triage_sync", "enabled"],
        message: "triage sync reads analysts' triage back from Elasticsearch: configure `elasticsearch` too",
      });
    }
  });
export type GapwatchConfig = z.infer<typeof GapwatchConfig>;

/** Paths of values that are secrets: redacted in logs, never exported as metrics. */
export const SECRET_PATHS = [
  "kafka.sasl.password",
  "elasticsearch.auth.api_key",
  "elasticsearch.auth.password",
  "delivery.targets[*].secret",
  "delivery.targets[*].url",
  "delivery.targets[*].routing_key",
] as const;
