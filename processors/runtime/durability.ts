// Waiting for outputs to become durable without losing the partition: the write is retried with capped
// exponential backoff for as long as the batch is still ours, and the consumer heartbeats meanwhile.
// That wait IS the backpressure: the consumer fetches nothing more for the partition until the sink
// acknowledges, so memory holds one batch at most and nothing is dropped. If the partition is taken
// away (rebalance, shutdown) the batch is abandoned uncommitted and its new owner redoes it.
import type { Logger } from "pino";
import type { RuntimeMetrics } from "./metrics/registry.ts";

export interface DurableWaitContext {
  sink: string;
  heartbeat(): Promise<void>;
  isActive(): boolean;
  logger: Logger;
  heartbeatMs: number;
  onAttemptFailed?(error: unknown): void;
  /** Called with true when the wait starts blocking (first failure or slow write), false when done. */
  onBlocked?(blocked: boolean): void;
}

const MAX_BACKOFF_MS = 5000;

/** Resolves true once `write` succeeded, false if the batch was abandoned first. */
export async function writeDurably(write: () => Promise<void>, ctx: DurableWaitContext): Promise<boolean> {
  let attempt = 0;
  let blocked = false;
  const block = () => {
    if (!blocked) ctx.onBlocked?.(true);
    blocked = true;
  };
  try {
    for (;;) {
      const outcome = await waitWithHeartbeat(write(), ctx, block);
      if (outcome === "ok") return true;
      if (outcome === "abandoned") return false;
      attempt += 1;
      block();
      const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(attempt, 10)) * (0.5 + Math.random() / 2);
      ctx.logger.warn({ sink: ctx.sink, attempt, retry_in_ms: Math.round(delay) }, "sink write failed; retrying");
      if (!(await sleepWithHeartbeat(delay, ctx))) return false;
    }
  } finally {
    if (blocked) ctx.onBlocked?.(false);
  }
}

async function waitWithHeartbeat(
  promise: Promise<void>,
  ctx: DurableWaitContext,
  block: () => void,
): Promise<"ok" | "failed" | "abandoned"> {
  let settled: "ok" | "failed" | undefined;
  const done = promise.then(
    () => {
      settled = "ok";
    },
    (error: unknown) => {
      settled = "failed";
      ctx.onAttemptFailed?.(error);
      ctx.logger.warn({ sink: ctx.sink, err: error }, "sink write error");
    },
  );
  for (;;) {
    await Promise.race([done, delay(ctx.heartbeatMs)]);
    if (settled) return settled;
    block();
    if (!ctx.isActive() || !(await beat(ctx))) return "abandoned";
  }
}

async function sleepWithHeartbeat(ms: number, ctx: DurableWaitContext): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    await delay(Math.min(ctx.heartbeatMs, until - Date.now()));
    if (!ctx.isActive() || !(await beat(ctx))) return false;
  }
  return true;
}

/** False when the group is rebalancing (the heartbeat is refused): the batch must be given up. */
async function beat(ctx: DurableWaitContext): Promise<boolean> {
  try {
    await ctx.heartbeat();
    return true;
  } catch (error) {
    ctx.logger.info({ sink: ctx.sink, err: error }, "heartbeat refused while waiting for a sink; abandoning batch");
    return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

export interface NamedWrite {
  name: string;
  run(): Promise<void>;
}

/** Runs the writes in parallel, each durably with metrics; true when all of them are durable. */
export async function writeAllDurably(
  writes: NamedWrite[],
  ctx: {
    heartbeat(): Promise<void>;
    isActive(): boolean;
    logger: Logger;
    heartbeatMs: number;
    metrics: RuntimeMetrics;
    stage: string;
    now(): number;
  },
): Promise<boolean> {
  const { metrics } = ctx;
  const results = await Promise.all(
    writes.map(async (w) => {
      const started = ctx.now();
      const ok = await writeDurably(w.run, {
        sink: w.name,
        heartbeat: ctx.heartbeat,
        isActive: ctx.isActive,
        logger: ctx.logger,
        heartbeatMs: ctx.heartbeatMs,
        onAttemptFailed: () => metrics.sinkErrors.inc({ sink: w.name }),
        onBlocked: (blocked) => metrics.sinkWaiting.set({ stage: ctx.stage }, blocked ? 1 : 0),
      });
      if (ok) metrics.sinkLatency.observe({ sink: w.name }, (ctx.now() - started) / 1000);
      return ok;
    }),
  );
  return results.every(Boolean);
}
