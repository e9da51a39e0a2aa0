// Refreshes the correlate stage's gauges after a batch: lag of the partition, watermark delay, late events,
// and state size / evictions per rule summed over every owned partition's engine.
import type { RecordBatch } from "../ports/record-source.ts";
import type { CorrelationEngine } from "../stages.ts";
import type { RuntimeMetrics } from "./registry.ts";

export interface CorrelateObservation {
  group: string;
  batch: RecordBatch;
  position: bigint | null;
  engine: CorrelationEngine;
  engines: CorrelationEngine[];
  now: number;
}

export function observeCorrelate(metrics: RuntimeMetrics, o: CorrelateObservation): void {
  const m = o.engine.metrics();
  const partition = String(o.batch.partition);
  if (o.position !== null) {
    metrics.consumerLag.set(
      { group: o.group, topic: o.batch.topic, partition },
      Math.max(0, Number(BigInt(o.batch.highWatermark) - o.position)),
    );
  }
  if (m.watermarkMs !== null) metrics.watermarkDelay.set({ partition }, (o.now - m.watermarkMs) / 1000);
  metrics.lateEvents.set({ partition }, m.lateEvents);
  const entries: Record<string, number> = {};
  const evictions: Record<string, number> = {};
  for (const engine of o.engines) {
    const em = engine.metrics();
    for (const [rule, n] of Object.entries(em.stateEntries)) entries[rule] = (entries[rule] ?? 0) + n;
    for (const [rule, n] of Object.entries(em.evictions)) evictions[rule] = (evictions[rule] ?? 0) + n;
  }
  for (const [rule, n] of Object.entries(entries)) metrics.stateEntries.set({ rule }, n);
  for (const [rule, n] of Object.entries(evictions)) metrics.stateEvictions.set({ rule }, n);
}
