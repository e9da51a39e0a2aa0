// The detect stage's metric names, declared once (STYLE.md 2). The runtime exports them with prom-client
// from Engine.metrics(); the engine itself only counts.
import type { EngineMetrics } from "./engine.ts";

export const detectMetrics = {
  eventsIn: "gapwatch_detect_events_total",
  lateEvents: "gapwatch_detect_late_events_total",
  duplicateEvents: "gapwatch_detect_duplicate_events_total",
  derivedEvents: "gapwatch_detect_derived_events_total",
  reorderOverflows: "gapwatch_detect_reorder_overflows_total",
  bufferedEvents: "gapwatch_detect_buffered_events",
  stateEntries: "gapwatch_detect_state_entries",
  evictions: "gapwatch_detect_state_evictions_total",
  expirations: "gapwatch_detect_state_expirations_total",
  hits: "gapwatch_detect_hits_total",
  ruleErrors: "gapwatch_detect_rule_errors_total",
  incidentsOpened: "gapwatch_detect_incidents_opened_total",
  incidentsUpdated: "gapwatch_detect_incidents_updated_total",
  watermark: "gapwatch_detect_watermark_seconds",
} as const;

/** Flattens engine metrics into (name, labels, value) samples for an exporter. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function metricSamples(m: EngineMetrics): MetricSample[] {
  const out: MetricSample[] = [
    { name: detectMetrics.eventsIn, labels: {}, value: m.eventsIn },
    { name: detectMetrics.lateEvents, labels: {}, value: m.lateEvents },
    { name: detectMetrics.duplicateEvents, labels: {}, value: m.duplicateEvents },
    { name: detectMetrics.derivedEvents, labels: {}, value: m.derivedEvents },
    { name: detectMetrics.reorderOverflows, labels: {}, value: m.reorderOverflows },
    { name: detectMetrics.bufferedEvents, labels: {}, value: m.bufferedEvents },
  ];
  for (const [partition, wm] of Object.entries(m.watermarks)) {
    if (wm !== null) out.push({ name: detectMetrics.watermark, labels: { partition }, value: wm / 1000 });
  }
  for (const [rule, r] of Object.entries(m.rules)) {
    out.push(
      { name: detectMetrics.stateEntries, labels: { rule }, value: r.entries },
      { name: detectMetrics.evictions, labels: { rule }, value: r.evictions },
      { name: detectMetrics.expirations, labels: { rule }, value: r.expirations },
      { name: detectMetrics.hits, labels: { rule }, value: r.hits },
      { name: detectMetrics.ruleErrors, labels: { rule }, value: r.errors },
      { name: detectMetrics.incidentsOpened, labels: { rule }, value: r.incidentsOpened },
      { name: detectMetrics.incidentsUpdated, labels: { rule }, value: r.incidentsUpdated },
    );
  }
  return out;
}
