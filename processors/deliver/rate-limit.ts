// Token bucket per target: `burst` requests back to back, then `per_minute` sustained. Time is passed in.
export interface TokenBucket {
  tokens: number;
  updatedMs: number;
}

export function newBucket(burst: number, nowMs: number): TokenBucket {
  return { tokens: burst, updatedMs: nowMs };
}

/** Takes a token if one is there; otherwise says how long until one is. Mutates the bucket (adapter state). */
export function takeToken(
  bucket: TokenBucket,
  limit: { per_minute: number; burst: number },
  nowMs: number,
): { ok: true } | { ok: false; waitMs: number } {
  const perMs = limit.per_minute / 60_000;
  bucket.tokens = Math.min(limit.burst, bucket.tokens + (nowMs - bucket.updatedMs) * perMs);
  bucket.updatedMs = nowMs;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { ok: true };
  }
  return { ok: false, waitMs: Math.ceil((1 - bucket.tokens) / perMs) };
}
