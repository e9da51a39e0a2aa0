import { describe, expect, it } from "vitest";
import { defaultIncidentDocumentConfig } from "../incident/config.ts";
import { shapeIncident } from "../incident/core.ts";
import { pivotIncident } from "../incident/fixtures/pivot-incident.ts";
import { judgeAttempt } from "./attempt.ts";
import { backoffDelay, retryAfterMs } from "./backoff.ts";
import { DeliveryConfig, WebhookTarget } from "./config.ts";
import { toNotification } from "./notification.ts";
import type { OutboxRecord, PendingDelivery } from "./outbox.ts";
import { newBucket, takeToken } from "./rate-limit.ts";
import { routeIncident } from "./route.ts";
import { decideRepeat } from "./suppress.ts";

const doc = shapeIncident(pivotIncident, defaultIncidentDocumentConfig);
const notification = toNotification(doc);
const target = WebhookTarget.parse({ id: "pd", format: "pagerduty", routing_key: "k" });
const pending: PendingDelivery = {
  notification,
  enqueued_at: "2026-11-20T12:00:00.000Z",
  attempts: 1,
  next_attempt_at: "2026-11-20T12:00:00.000Z",
};
const t0 = Date.parse("2026-11-20T12:00:00.000Z");

describe("backoff", () => {
  it("grows exponentially up to the cap, with jitter inside [10%, 100%] of the bound", () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0.999999))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffDelay(policy, 3, () => 0)).toBe(40);
  });
  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(retryAfterMs("7", t0, 60_000)).toBe(7000);
    expect(retryAfterMs(new Date(t0 + 30_000).toUTCString(), t0, 60_000)).toBe(30_000);
    expect(retryAfterMs("3600", t0, 60_000)).toBe(60_000);
    expect(retryAfterMs("soon", t0, 60_000)).toBeUndefined();
  });
});

describe("judgeAttempt", () => {
  const random = () => 0.5;
  it("delivered on 2xx", () => {
    expect(judgeAttempt({ kind: "response", status: 202, body: "" }, pending, target.retry, t0, random)).toEqual({
      kind: "delivered",
    });
  });
  it("retries 5xx, 429, timeouts and honours a longer Retry-After", () => {
    const r = judgeAttempt(
      { kind: "response", status: 429, retryAfter: "120", body: "" },
      pending,
      target.retry,
      t0,
      random,
    );
    expect(r).toMatchObject({ kind: "retry", nextAttemptMs: t0 + 120_000 });
    expect(judgeAttempt({ kind: "response", status: 503, body: "" }, pending, target.retry, t0, random).kind).toBe(
      "retry",
    );
    expect(
      judgeAttempt({ kind: "error", error: "ECONNREFUSED", timeout: false }, pending, target.retry, t0, random).kind,
    ).toBe("retry");
  });
  it("dead-letters a refusal at once and anything past the give-up time, with the reason", () => {
    const refused = judgeAttempt(
      { kind: "response", status: 400, body: '{"message":"Event object is invalid"}' },
      pending,
      target.retry,
      t0,
      random,
    );
    expect(refused).toEqual({
      kind: "dead",
      reason: 'receiver refused it (HTTP 400: {"message":"Event object is invalid"})',
    });
    const late = judgeAttempt(
      { kind: "error", error: "x", timeout: true },
      pending,
      target.retry,
      t0 + 86_400_000,
      random,
    );
    expect(late.kind).toBe("dead");
    expect((late as { reason: string }).reason).toMatch(/gave up after 1 attempts.*timeout/);
  });
});

describe("rate limit", () => {
  it("allows a burst then the sustained rate", () => {
    const limit = { per_minute: 60, burst: 2 };
    const bucket = newBucket(2, t0);
    expect(takeToken(bucket, limit, t0).ok).toBe(true);
    expect(takeToken(bucket, limit, t0).ok).toBe(true);
    expect(takeToken(bucket, limit, t0)).toEqual({ ok: false, waitMs: 1000 });
    expect(takeToken(bucket, limit, t0 + 1000).ok).toBe(true);
  });
});

describe("routing", () => {
  const targets = DeliveryConfig.parse({
    targets: [
      { id: "pd", format: "pagerduty", routing_key: "k", route: { min_severity: "critical" } },
      {
        id: "slack",
        format: "slack",
        url: "https://hooks.slack.example/x",
        route: { min_severity: "medium", actions: ["trigger"] },
      },
      {
        id: "ot",
        format: "json",
        url: "https://soar.example/hook",
        secret: "s",
        route: { min_severity: "low", rule_ids: ["other"] },
      },
      {
        id: "tagged",
        format: "json",
        url: "https://soar.example/hook",
        secret: "s",
        route: { min_severity: "low", tags: ["cross-domain"] },
      },
    ],
  }).targets;
  it("routes by minimum severity, rule ids, tags and action", () => {
    expect(routeIncident(targets, doc, "trigger").map((t) => t.id)).toEqual(["pd", "slack", "tagged"]);
    expect(routeIncident(targets, doc, "resolve").map((t) => t.id)).toEqual(["pd", "tagged"]);
    const medium = { ...doc, gapwatch: { ...doc.gapwatch, severity: "medium" as const } };
    expect(routeIncident(targets, medium, "trigger").map((t) => t.id)).toEqual(["slack", "tagged"]);
  });
  it("rejects duplicate target ids", () => {
    const dup = DeliveryConfig.safeParse({
      targets: [
        { id: "a", format: "slack", url: "u" },
        { id: "a", format: "slack", url: "u" },
      ],
    });
    expect(dup.success).toBe(false);
  });
});

describe("repeat suppression", () => {
  const delivered = (
    severity: "high" | "critical",
    lastSeen: string,
    action: "trigger" | "resolve" = "trigger",
  ): OutboxRecord => ({
    key: "pd/x",
    target: "pd",
    incident_id: "x",
    delivered: { action, severity, last_seen: lastSeen, at: "2026-11-20T12:00:00.000Z" },
  });
  const at = (severity: "high" | "critical", lastSeen: string) => ({ ...notification, severity, last_seen: lastSeen });
  it("sends the first page, suppresses an unchanged repeat, re-pages on escalation or after the renotify time", () => {
    expect(decideRepeat(undefined, notification, 3_600_000)).toBe("send");
    expect(decideRepeat(delivered("high", "2026-11-20T10:00:00Z"), at("high", "2026-11-20T10:30:00Z"), 3_600_000)).toBe(
      "suppress",
    );
    expect(
      decideRepeat(delivered("high", "2026-11-20T10:00:00Z"), at("critical", "2026-11-20T10:01:00Z"), 3_600_000),
    ).toBe("send");
    expect(decideRepeat(delivered("high", "2026-11-20T10:00:00Z"), at("high", "2026-11-20T11:00:00Z"), 3_600_000)).toBe(
      "send",
    );
  });
  it("replaces a page still queued and forwards each triage change once, for pages that went out", () => {
    const queued: OutboxRecord = { key: "pd/x", target: "pd", incident_id: "x", pending };
    expect(decideRepeat(queued, notification, 3_600_000)).toBe("replace-pending");
    const resolve = { ...notification, action: "resolve" as const, status: "closed" as const };
    const paged = delivered("critical", "2026-11-20T10:00:00Z");
    expect(decideRepeat(paged, resolve, 0)).toBe("send");
    expect(decideRepeat({ ...paged, triage: "closed" }, resolve, 0)).toBe("suppress");
    expect(decideRepeat({ ...paged, triage: "acknowledged" }, resolve, 0)).toBe("send");
    expect(decideRepeat(undefined, resolve, 0)).toBe("suppress");
    const queuedAck: OutboxRecord = {
      ...queued,
      pending: { ...pending, notification: { ...resolve, action: "acknowledge" } },
    };
    expect(decideRepeat(queuedAck, { ...notification, severity: "critical" }, 0)).toBe("suppress");
  });
});
