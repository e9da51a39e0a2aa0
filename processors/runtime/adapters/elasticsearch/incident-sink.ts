// The Elasticsearch IncidentSink: bulk `update` (doc + upsert) by deterministic id, at most `concurrency` requests
// in flight, chunks bounded by documents and bytes, retries with backoff and jitter for 429/5xx/connection
// failures (whole requests and single items), permanent item failures reported without blocking the others,
// and a state the runtime reads to pause the consumer instead of buffering.
import type { Client } from "@elastic/elasticsearch";
import { backoffDelay } from "../../../deliver/backoff.ts";
import type { IncidentDocument } from "../../../incident/schema.ts";
import { DeliveryError } from "../../errors.ts";
import type { IncidentSink, IncidentWriteResult, RejectedIncident, SinkState } from "../../ports/incident-sink.ts";
import { type BulkItem, bulkItems, chunkItems, classifyItem, isRetryableStatus } from "./bulk-plan.ts";
import type { EsSinkConfig } from "./config.ts";

/** An item failing with 429/5xx this many times in a row is reported as rejected (with its last reason). */
const MAX_ITEM_ATTEMPTS = 10;

export interface EsSinkDeps {
  now?: () => Date;
  random?: () => number;
  /** Called for each rejected document (the runtime also gets them in the write result). */
  onReject?: (rejected: RejectedIncident) => void;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export class EsIncidentSink implements IncidentSink {
  private readonly listeners = new Set<(state: SinkState) => void>();
  private readonly closing = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly waiters: (() => void)[] = [];
  private active = 0;
  private queuedBytes = 0;
  private failingChunks = 0;
  private throttledChunks = 0;
  private lastState: SinkState = "ready";
  private closed = false;

  constructor(
    private readonly client: Client,
    private readonly config: EsSinkConfig,
    private readonly deps: EsSinkDeps = {},
  ) {}

  state(): SinkState {
    if (this.failingChunks > 0) return "unavailable";
    if (this.throttledChunks > 0 || this.queuedBytes > this.config.bulk.high_water_bytes) return "saturated";
    return "ready";
  }

  onStateChange(listener: (state: SinkState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async write(documents: readonly IncidentDocument[], signal?: AbortSignal): Promise<IncidentWriteResult> {
    if (this.closed) throw new DeliveryError("es_sink_closed", "the Elasticsearch sink is closed", { retryable: true });
    const now = (this.deps.now ?? (() => new Date()))();
    const items = bulkItems(documents, this.config, now.toISOString());
    const chunks = chunkItems(items, this.config.bulk.max_docs, this.config.bulk.max_bytes);
    const abort = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    const work = Promise.all(chunks.map((chunk) => this.writeChunk(chunk, abort)));
    this.inFlight.add(work);
    try {
      const results = await work;
      const rejected = results.flatMap((result) => result.rejected);
      return { written: items.length - rejected.length, rejected };
    } finally {
      this.inFlight.delete(work);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const drained = Promise.allSettled([...this.inFlight]);
    const timeout = new Promise((resolve) => setTimeout(resolve, this.config.request_timeout_ms).unref());
    await Promise.race([drained, timeout]);
    this.closing.abort();
    await Promise.allSettled([...this.inFlight]);
    await this.client.close();
  }

  private async writeChunk(chunk: BulkItem[], signal: AbortSignal): Promise<{ rejected: RejectedIncident[] }> {
    const bytes = chunk.reduce((sum, item) => sum + item.bytes, 0);
    this.queuedBytes += bytes;
    this.emitState();
    await this.acquire(signal).catch((error) => {
      this.queuedBytes -= bytes;
      this.emitState();
      throw error;
    });
    try {
      return await this.sendWithRetries(chunk, signal);
    } finally {
      this.queuedBytes -= bytes;
      this.release();
      this.emitState();
    }
  }

  private async sendWithRetries(chunk: BulkItem[], signal: AbortSignal): Promise<{ rejected: RejectedIncident[] }> {
    const rejected: RejectedIncident[] = [];
    const itemAttempts = new Map<string, number>();
    const started = Date.now();
    let pending = chunk;
    let attempt = 0;
    let failing = false;
    let throttled = false;
    const mark = (nextFailing: boolean, nextThrottled: boolean) => {
      this.failingChunks += Number(nextFailing) - Number(failing);
      this.throttledChunks += Number(nextThrottled) - Number(throttled);
      failing = nextFailing;
      throttled = nextThrottled;
      this.emitState();
    };
    try {
      while (pending.length > 0) {
        if (attempt > 0) await this.pause(attempt, started, signal, failing ? "request failed" : "items throttled");
        attempt++;
        let response: Awaited<ReturnType<Client["bulk"]>>;
        try {
          response = await this.client.bulk(
            {
              operations: pending.map((item) => item.lines).join("") as never,
              refresh: this.config.refresh === "wait_for" ? "wait_for" : false,
            },
            { signal },
          );
        } catch (error) {
          if (signal.aborted) throw abortError(signal);
          if (!isRetryableRequestError(error)) throw fatalError(error);
          mark(true, false);
          continue;
        }
        const retry: BulkItem[] = [];
        let sawThrottle = false;
        response.items.forEach((entry, i) => {
          const item = pending[i]!;
          const result = Object.values(entry)[0]!;
          const outcome = classifyItem(result.status, result.error ?? undefined);
          if (outcome.kind === "ok") return;
          const tries = (itemAttempts.get(item.id) ?? 0) + 1;
          itemAttempts.set(item.id, tries);
          if (outcome.kind === "retry" && tries < MAX_ITEM_ATTEMPTS) {
            retry.push(item);
            sawThrottle ||= outcome.status === 429;
            return;
          }
          const reject = {
            id: item.id,
            index: item.index,
            status: outcome.status,
            type: outcome.type,
            reason: outcome.reason,
          };
          rejected.push(reject);
          this.deps.onReject?.(reject);
        });
        mark(false, sawThrottle);
        pending = retry;
      }
      return { rejected };
    } finally {
      mark(false, false);
    }
  }

  private async pause(attempt: number, started: number, signal: AbortSignal, reason: string): Promise<void> {
    const giveUp = this.config.retry.give_up_after_ms;
    if (giveUp > 0 && Date.now() - started >= giveUp) {
      throw new DeliveryError("es_retry_exhausted", `Elasticsearch still failing after ${giveUp} ms (${reason})`, {
        retryable: true,
      });
    }
    const delayMs = backoffDelay(
      { baseMs: this.config.retry.base_ms, maxMs: this.config.retry.max_ms },
      attempt,
      this.deps.random,
    );
    this.deps.onRetry?.({ attempt, delayMs, reason });
    await sleep(delayMs, signal);
  }

  private async acquire(signal: AbortSignal): Promise<void> {
    while (this.active >= this.config.bulk.concurrency) {
      if (signal.aborted) throw abortError(signal);
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        signal.addEventListener("abort", onAbort, { once: true });
        this.waiters.push(() => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        });
      });
    }
    this.active++;
  }

  private release(): void {
    this.active--;
    // Wake every waiter: one may have been aborted meanwhile, and the rest re-check the slot count.
    for (const wake of this.waiters.splice(0)) wake();
  }

  private emitState(): void {
    const state = this.state();
    if (state === this.lastState) return;
    this.lastState = state;
    for (const listener of this.listeners) listener(state);
  }
}

function isRetryableRequestError(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  if (name === "ConnectionError" || name === "TimeoutError" || name === "NoLivingConnectionsError") return true;
  const status = (error as { meta?: { statusCode?: number } })?.meta?.statusCode;
  return status !== undefined && isRetryableStatus(status);
}

function fatalError(error: unknown): DeliveryError {
  const meta = (error as { meta?: { statusCode?: number; body?: { error?: { reason?: string } } } })?.meta;
  const reason = meta?.body?.error?.reason ?? (error as Error)?.message ?? String(error);
  return new DeliveryError(
    "es_bulk_refused",
    `Elasticsearch refused the bulk request (${meta?.statusCode}): ${reason}`,
    {
      retryable: false,
      cause: error,
    },
  );
}

function abortError(signal: AbortSignal): DeliveryError {
  return new DeliveryError("es_write_aborted", `write aborted: ${String(signal.reason ?? "closed")}`, {
    retryable: true,
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
