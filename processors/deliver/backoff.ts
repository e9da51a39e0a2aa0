// Exponential backoff with full jitter (the AWS "full jitter" scheme: a uniform wait in [0, min(cap, base·2^n)]),
// so retries from many instances spread out instead of hammering a recovering server in lockstep. Pure: the
// random source is passed in. Shared by webhook delivery and the Elasticsearch sink.
export interface BackoffPolicy {
  /** First retry's upper bound, in ms. */
  baseMs: number;
  /** Upper bound of any single wait, in ms. */
  maxMs: number;
}

/** Wait before retry number `attempt` (1 = first retry). `random` returns [0, 1). Never below 10% of the bound. */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const bound = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(bound * (0.1 + 0.9 * random()));
}

/**
 * A Retry-After header as a wait in ms: delta-seconds or an HTTP date (RFC 9110 10.2.3), capped at `maxMs`.
 * Undefined when absent or unparseable.
 */
export function retryAfterMs(header: string | undefined, nowMs: number, maxMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(maxMs, Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(maxMs, Math.max(0, at - nowMs));
}
