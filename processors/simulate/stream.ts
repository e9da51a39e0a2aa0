// Streams a simulation to a record sink (Kafka in production use) in delivery order, paced by the
// time-compression factor: at factor 60 one simulated minute takes one second; factor 0 sends as fast as
// the sink takes it. Time comes from the caller (now/sleep), so the pacing is testable without a clock.
import type { Simulation } from "./core.ts";
import type { SimRecord } from "./record.ts";

export interface StreamTarget {
  send(records: Array<{ topic: string; key: string | null; value: string }>): Promise<void>;
}

export interface StreamOptions {
  sink: StreamTarget;
  compression: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Raw topic name -> the topic actually written (prefixes for test isolation). */
  topicName?: (topic: string) => string;
  batchSize?: number;
  /**
   * Called once every record of a chain up to the one that completes it (truth.detectableAt) is acknowledged
   * by the sink, with the wall-clock time: detection latency is measured from there. Records the sources
   * deliver later (a conn.log written when the session ends) do not delay it.
   */
  onChainComplete?: (chain: string, ackedAt: number) => void;
  onProgress?: (sent: number) => void;
}

export interface StreamResult {
  records: number;
  byTopic: Record<string, number>;
  /** Wall-clock ms at which each chain became detectable (see onChainComplete). */
  chainAckedAt: Record<string, number>;
  elapsedMs: number;
}

export async function streamSimulation(simulation: Simulation, options: StreamOptions): Promise<StreamResult> {
  const batchSize = options.batchSize ?? 500;
  const rename = options.topicName ?? ((t: string) => t);
  const remaining = new Map<string, number>(simulation.truth.map((t) => [t.chain, t.triggerRecordCount]));
  const detectableAt = new Map<string, number>(simulation.truth.map((t) => [t.chain, Date.parse(t.detectableAt)]));
  const byTopic: Record<string, number> = {};
  const chainAckedAt: Record<string, number> = {};
  const started = options.now();
  let records = 0;
  let pending: SimRecord[] = [];
  const send = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await options.sink.send(
      batch.map((r) => ({ topic: rename(r.topic), key: r.key ?? null, value: JSON.stringify(r.value) })),
    );
    const ackedAt = options.now();
    for (const r of batch) {
      byTopic[r.topic] = (byTopic[r.topic] ?? 0) + 1;
      if (!r.chain || r.time > (detectableAt.get(r.chain) ?? 0)) continue;
      const left = (remaining.get(r.chain) ?? 1) - 1;
      remaining.set(r.chain, left);
      if (left === 0) {
        chainAckedAt[r.chain] = ackedAt;
        options.onChainComplete?.(r.chain, ackedAt);
      }
    }
    records += batch.length;
    options.onProgress?.(records);
  };
  for (const batch of simulation.batches()) {
    for (const record of batch) {
      if (options.compression > 0) {
        const due = started + (record.emitAt - simulation.startMs) / options.compression;
        const wait = due - options.now();
        if (wait > 5) {
          await send();
          await options.sleep(wait);
        }
      }
      pending.push(record);
      if (pending.length >= batchSize) await send();
    }
  }
  await send();
  return { records, byTopic, chainAckedAt, elapsedMs: options.now() - started };
}
