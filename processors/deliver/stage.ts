// The delivery stage: submit() routes incident documents to targets, applies repeat suppression and makes the
// resulting pages durable in the outbox (the runtime commits offsets after it resolves); a worker sends due pages
// with per-target concurrency, rate limit, timeouts, backoff with jitter and Retry-After, and dead-letters what
// cannot be delivered. A slow or silent receiver only ever delays its own target, never submit().
import type { IncidentDocument } from "../incident/schema.ts";
import { ConfigError } from "../runtime/errors.ts";
import type { WebhookSender } from "../runtime/ports/webhook-sender.ts";
import { judgeAttempt } from "./attempt.ts";
import { type DeliveryConfig, resolveSecret, type WebhookTarget } from "./config.ts";
import { buildRequest } from "./formats/request.ts";
import { actionForStatus, toNotification } from "./notification.ts";
import { type DeadLetter, type DeliveryOutbox, isTombstone, type OutboxRecord, outboxKey } from "./outbox.ts";
import { newBucket, type TokenBucket, takeToken } from "./rate-limit.ts";
import { routeIncident } from "./route.ts";
import { decideRepeat } from "./suppress.ts";
import { DELIVERY_LOG, type DeliveryStats, emptyStats } from "./telemetry.ts";

export interface DeliveryLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface DeliveryDeps {
  outbox: DeliveryOutbox;
  sender: WebhookSender;
  now?: () => number;
  random?: () => number;
  env?: Record<string, string | undefined>;
  log?: DeliveryLogger;
  onDead?: (entry: DeadLetter) => void;
}

const EXPIRY_EVERY_MS = 60_000;

export class DeliveryStage {
  private readonly records = new Map<string, OutboxRecord>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly active = new Map<string, number>();
  private readonly busy = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly targets: Map<string, WebhookTarget>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly env: Record<string, string | undefined>;
  private readonly counters: DeliveryStats = emptyStats();
  private timer?: NodeJS.Timeout;
  private lastExpiry = 0;
  private stopped = false;

  constructor(
    private readonly config: DeliveryConfig,
    private readonly deps: DeliveryDeps,
  ) {
    this.targets = new Map(config.targets.map((target) => [target.id, target]));
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.env = deps.env ?? process.env;
  }

  /** Restores pending pages and delivery memory from the outbox, checks secrets, starts the worker. */
  async start(): Promise<void> {
    for (const target of this.config.targets) {
      const secret =
        target.format === "pagerduty" ? target.routing_key : target.format === "slack" ? target.url : target.secret;
      try {
        resolveSecret(secret, this.env);
      } catch (error) {
        throw new ConfigError("delivery_secret_missing", `target ${target.id}: ${(error as Error).message}`, {
          location: { field: `delivery.targets.${target.id}` },
        });
      }
    }
    for (const record of await this.deps.outbox.load()) this.records.set(record.key, record);
    this.schedule();
  }

  /** Queues pages for these incidents; resolves once they are durable in the outbox (not when delivered). */
  async submit(documents: readonly IncidentDocument[]): Promise<{ queued: number; suppressed: number }> {
    const nowIso = new Date(this.now()).toISOString();
    const changed: OutboxRecord[] = [];
    let suppressed = 0;
    for (const doc of documents) {
      const action = actionForStatus(doc.gapwatch.status);
      for (const target of routeIncident(this.config.targets, doc, action)) {
        const notification = toNotification(doc, action);
        const key = outboxKey(target.id, doc.event.id);
        const record = this.records.get(key);
        const decision = decideRepeat(record, notification, target.repeat.renotify_after_ms);
        if (decision === "suppress") {
          suppressed++;
          continue;
        }
        const pending =
          decision === "replace-pending" && record?.pending
            ? { ...record.pending, notification }
            : { notification, enqueued_at: nowIso, attempts: 0, next_attempt_at: nowIso };
        const next: OutboxRecord = { key, target: target.id, incident_id: doc.event.id, pending };
        if (record?.delivered) next.delivered = record.delivered;
        const triage = notification.status === "open" ? record?.triage : notification.status;
        if (triage) next.triage = triage;
        this.records.set(key, next);
        changed.push(next);
      }
    }
    this.counters.queued += changed.length;
    this.counters.suppressed += suppressed;
    await this.deps.outbox.put(changed);
    if (changed.length > 0) this.tick();
    return { queued: changed.length, suppressed };
  }

  stats(): DeliveryStats & { pending: number } {
    let pending = 0;
    for (const record of this.records.values()) if (record.pending) pending++;
    return { ...this.counters, pending };
  }

  /** Stops the worker and waits for attempts in flight (each bounded by its timeout). Pending pages stay queued. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.running]);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick();
      this.schedule();
    }, this.config.poll_ms);
    this.timer.unref?.();
  }

  private tick(): void {
    if (this.stopped) return;
    const now = this.now();
    if (now - this.lastExpiry >= EXPIRY_EVERY_MS) this.expire(now);
    const due = [...this.records.values()]
      .filter((r) => r.pending && !this.busy.has(r.key) && Date.parse(r.pending.next_attempt_at) <= now)
      .sort((a, b) => Date.parse(a.pending!.next_attempt_at) - Date.parse(b.pending!.next_attempt_at));
    for (const record of due) {
      const target = this.targets.get(record.target);
      if (!target) continue; // target removed from config: its records stay in the outbox untouched
      const active = this.active.get(target.id) ?? 0;
      if (active >= target.concurrency) continue;
      const bucket = this.buckets.get(target.id) ?? newBucket(target.rate_limit.burst, now);
      this.buckets.set(target.id, bucket);
      if (!takeToken(bucket, target.rate_limit, now).ok) continue;
      this.active.set(target.id, active + 1);
      this.busy.add(record.key);
      const run = this.attempt(target, record).finally(() => {
        this.busy.delete(record.key);
        this.active.set(target.id, (this.active.get(target.id) ?? 1) - 1);
        this.running.delete(run);
      });
      this.running.add(run);
    }
  }

  private async attempt(target: WebhookTarget, record: OutboxRecord): Promise<void> {
    const sent = record.pending!;
    const request = buildRequest(target, sent.notification, {
      env: this.env,
      nowS: Math.floor(this.now() / 1000),
      ...(this.config.kibana_url ? { kibanaUrl: this.config.kibana_url } : {}),
    });
    const result = await this.deps.sender
      .send(request, AbortSignal.timeout(target.timeout_ms + 1000))
      .catch((error: unknown) => ({
        kind: "error" as const,
        error: (error as Error)?.name ?? "error",
        timeout: false,
      }));
    const attempts = sent.attempts + 1;
    const now = this.now();
    const outcome = judgeAttempt(result, { ...sent, attempts }, target.retry, now, this.random);
    const current = this.records.get(record.key) ?? record;
    const replaced = current.pending !== sent ? current.pending : undefined;
    const next: OutboxRecord = { key: record.key, target: record.target, incident_id: record.incident_id };
    if (current.delivered) next.delivered = current.delivered;
    if (current.triage) next.triage = current.triage;
    const fields = { target: target.id, incident_id: record.incident_id, action: sent.notification.action, attempts };
    if (outcome.kind === "delivered") {
      this.counters.delivered++;
      const { action, severity, last_seen } = sent.notification;
      next.delivered = { action, severity, last_seen, at: new Date(now).toISOString() };
      if (replaced && decideRepeat(next, replaced.notification, target.repeat.renotify_after_ms) !== "suppress") {
        next.pending = { ...replaced, attempts: 0, next_attempt_at: new Date(now).toISOString() };
      }
      this.deps.log?.info(fields, DELIVERY_LOG.delivered);
    } else if (outcome.kind === "retry") {
      this.counters.retried++;
      const base = replaced ?? sent;
      next.pending = {
        ...base,
        attempts,
        next_attempt_at: new Date(outcome.nextAttemptMs).toISOString(),
        last_error: outcome.error,
      };
      this.deps.log?.warn(
        { ...fields, error: outcome.error, next_attempt_at: next.pending.next_attempt_at },
        DELIVERY_LOG.retry,
      );
    } else {
      this.counters.dead++;
      const entry: DeadLetter = {
        target: target.id,
        incident_id: record.incident_id,
        action: sent.notification.action,
        reason: outcome.reason,
        attempts,
        enqueued_at: sent.enqueued_at,
        dead_at: new Date(now).toISOString(),
        notification: sent.notification,
      };
      if (replaced) next.pending = replaced;
      this.deps.log?.warn({ ...fields, reason: outcome.reason }, DELIVERY_LOG.dead);
      await this.deps.outbox.deadLetter(entry);
      this.deps.onDead?.(entry);
    }
    if (isTombstone(next)) this.records.delete(next.key);
    else this.records.set(next.key, next);
    await this.deps.outbox.put([next]);
    if (next.pending) this.tick();
  }

  /** Forgets delivered pages older than retain_delivered_ms (a tombstone in the outbox). */
  private expire(now: number): void {
    this.lastExpiry = now;
    const tombstones: OutboxRecord[] = [];
    for (const record of this.records.values()) {
      if (record.pending || this.busy.has(record.key) || !record.delivered) continue;
      if (now - Date.parse(record.delivered.at) < this.config.retain_delivered_ms) continue;
      this.records.delete(record.key);
      tombstones.push({ key: record.key, target: record.target, incident_id: record.incident_id });
    }
    if (tombstones.length > 0) {
      this.deps.outbox
        .put(tombstones)
        .catch((error: unknown) => this.deps.log?.warn({ error: String(error) }, DELIVERY_LOG.expiryFailed));
    }
  }
}
