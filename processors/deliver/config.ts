// Webhook targets: where pages go, which incidents each one takes, how hard to try. Strict: unknown keys are
// rejected. Secrets are a literal or { env: NAME } and are never logged.
import { z } from "zod";

const Secret = z
  .union([z.string().min(1), z.strictObject({ env: z.string().min(1).describe("Environment variable holding it.") })])
  .describe("A secret: literal, or { env: NAME } read at start.");
export type Secret = z.infer<typeof Secret>;

const Action = z.enum(["trigger", "acknowledge", "resolve"]);

const common = {
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .describe("Stable target id (outbox keys and metrics use it)."),
  route: z
    .strictObject({
      min_severity: z.enum(["low", "medium", "high", "critical"]).default("high").describe("Lowest severity sent."),
      rule_ids: z.array(z.string()).optional().describe("Only these rule ids (default: all)."),
      tags: z.array(z.string()).optional().describe("Only incidents carrying at least one of these tags."),
      actions: z.array(Action).default(["trigger", "acknowledge", "resolve"]).describe("Actions sent."),
    })
    .default({ min_severity: "high", actions: ["trigger", "acknowledge", "resolve"] }),
  timeout_ms: z.number().int().min(100).max(120_000).default(10_000).describe("Per-request timeout."),
  concurrency: z.number().int().min(1).max(16).default(2).describe("Requests in flight to this target."),
  rate_limit: z
    .strictObject({
      per_minute: z.number().positive().default(60).describe("Sustained requests per minute."),
      burst: z.number().int().min(1).default(10).describe("Requests allowed back to back."),
    })
    .default({ per_minute: 60, burst: 10 }),
  retry: z
    .strictObject({
      base_ms: z.number().int().min(1).default(1000).describe("First retry waits up to this long (then doubles)."),
      max_ms: z.number().int().min(1).default(300_000).describe("Longest wait between two attempts."),
      give_up_after_ms: z
        .number()
        .int()
        .min(1)
        .default(86_400_000)
        .describe("Dead-letter a page not delivered this long after it was queued."),
    })
    .default({ base_ms: 1000, max_ms: 300_000, give_up_after_ms: 86_400_000 }),
  repeat: z
    .strictObject({
      renotify_after_ms: z
        .number()
        .int()
        .min(0)
        .default(14_400_000)
        .describe("Page again for an unchanged severity once the incident has gone on this long (event time)."),
    })
    .default({ renotify_after_ms: 14_400_000 }),
};

export const WebhookTarget = z.discriminatedUnion("format", [
  z.strictObject({
    ...common,
    format: z.literal("pagerduty"),
    url: z.url().default("https://events.pagerduty.com/v2/enqueue"),
    routing_key: Secret.describe("PagerDuty integration (routing) key."),
  }),
  z.strictObject({
    ...common,
    format: z.literal("slack"),
    url: Secret.describe("Slack incoming-webhook URL (a secret)."),
  }),
  z.strictObject({
    ...common,
    format: z.literal("json"),
    url: z.url(),
    secret: Secret.describe("HMAC-SHA256 signing secret shared with the receiver."),
  }),
]);
export type WebhookTarget = z.infer<typeof WebhookTarget>;

export const DeliveryConfig = z
  .strictObject({
    targets: z.array(WebhookTarget).default([]),
    kibana_url: z.url().optional().describe("Base URL of Kibana, for links to the incident in pages."),
    poll_ms: z.number().int().min(10).default(250).describe("How often the worker looks for due deliveries."),
    triage_sync: z
      .strictObject({
        enabled: z
          .boolean()
          .default(false)
          .describe("Forward analysts' acknowledge/close in Elasticsearch to targets."),
        interval_ms: z.number().int().min(1000).default(30_000).describe("How often Elasticsearch is polled."),
        lookback_ms: z
          .number()
          .int()
          .min(60_000)
          .default(604_800_000)
          .describe("Only incidents whose last_seen is this recent are read back."),
        limit: z.number().int().min(1).max(10_000).default(500).describe("Incidents read per poll (newest first)."),
      })
      .default({ enabled: false, interval_ms: 30_000, lookback_ms: 604_800_000, limit: 500 }),
    retain_delivered_ms: z
      .number()
      .int()
      .min(0)
      .default(604_800_000)
      .describe("How long the memory of a delivered page (for repeat suppression) is kept."),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.targets.forEach((target, i) => {
      if (seen.has(target.id))
        ctx.addIssue({ code: "custom", message: `duplicate target id ${target.id}`, path: ["targets", i, "id"] });
      seen.add(target.id);
    });
  })
  .describe("Webhook delivery (PagerDuty, Slack, signed JSON).");
export type DeliveryConfig = z.infer<typeof DeliveryConfig>;

/** Resolves a secret; throws naming the variable (not its value) when it is missing. */
export function resolveSecret(secret: Secret, env: Record<string, string | undefined>): string {
  if (typeof secret === "string") return secret;
  const value = env[secret.env];
  if (!value) throw new Error(`environment variable ${secret.env} is not set`);
  return value;
}
