// What one delivery attempt's result means for its outbox record: delivered, retry at a time (backoff with jitter,
// or the receiver's Retry-After when longer), or dead (a refusal that will not change, or the give-up time passed).
import type { WebhookResult } from "../runtime/ports/webhook-sender.ts";
import { backoffDelay, retryAfterMs } from "./backoff.ts";
import type { WebhookTarget } from "./config.ts";
import type { PendingDelivery } from "./outbox.ts";

export type AttemptOutcome =
  | { kind: "delivered" }
  | { kind: "retry"; nextAttemptMs: number; error: string }
  | { kind: "dead"; reason: string };

/** Statuses worth retrying: timeouts, too early, rate limited, and server-side trouble. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** A Retry-After longer than an hour is treated as an hour (the give-up time still applies). */
const RETRY_AFTER_CAP_MS = 3_600_000;

export function judgeAttempt(
  result: WebhookResult,
  pending: PendingDelivery,
  retry: WebhookTarget["retry"],
  nowMs: number,
  random: () => number,
): AttemptOutcome {
  let error: string;
  let waitMs = backoffDelay({ baseMs: retry.base_ms, maxMs: retry.max_ms }, pending.attempts, random);
  if (result.kind === "response") {
    if (result.status >= 200 && result.status < 300) return { kind: "delivered" };
    const snippet = result.body.slice(0, 200).replace(/\s+/g, " ").trim();
    error = `HTTP ${result.status}${snippet ? `: ${snippet}` : ""}`;
    if (!retryableStatus(result.status)) return { kind: "dead", reason: `receiver refused it (${error})` };
    const after = retryAfterMs(result.retryAfter, nowMs, RETRY_AFTER_CAP_MS);
    if (after !== undefined) waitMs = Math.max(waitMs, after);
  } else {
    error = result.timeout ? `timeout (${result.error})` : result.error;
  }
  const next = nowMs + waitMs;
  const deadline = Date.parse(pending.enqueued_at) + retry.give_up_after_ms;
  if (next > deadline) {
    return {
      kind: "dead",
      reason: `gave up after ${pending.attempts} attempts in ${retry.give_up_after_ms} ms; last error: ${error}`,
    };
  }
  return { kind: "retry", nextAttemptMs: next, error };
}
