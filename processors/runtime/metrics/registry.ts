// Every Prometheus metric the runtime exports, declared once (`gapwatch_<stage>_<what>`). Labels carry
// topics, formats, rules and reason codes, never record content or secrets.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export interface RuntimeMetrics {
  registry: Registry;
  recordsIn: Counter<"topic">;
  eventsIn: Counter<"topic" | "format">;
  eventsOut: Counter<"topic">;
  deadLetters: Counter<"topic" | "reason">;
  consumerLag: Gauge<"group" | "topic" | "partition">;
  watermarkDelay: Gauge<"partition">;
  stateEntries: Gauge<"rule">;
  stateEvictions: Gauge<"rule">;
  lateEvents: Gauge<"partition">;
  incidents: Counter<"rule" | "change">;
  duplicatesSkipped: Counter<"partition">;
  derivedDropped: Counter;
  sinkLatency: Histogram<"sink">;
  sinkErrors: Counter<"sink">;
  sinkWaiting: Gauge<"stage">;
  snapshots: Counter<"outcome">;
  snapshotBytes: Gauge<"partition">;
  restores: Counter<"source">;
  identityLeases: Gauge;
}

export function createRuntimeMetrics(withDefaults = true): RuntimeMetrics {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry, prefix: "gapwatch_process_" });
  const registers = [registry];
  return {
    registry,
    recordsIn: new Counter({
      name: "gapwatch_route_records_in_total",
      help: "Raw records read",
      labelNames: ["topic"],
      registers,
    }),
    eventsIn: new Counter({
      name: "gapwatch_route_events_total",
      help: "Canonical events produced from raw records, per source topic and detected format",
      labelNames: ["topic", "format"],
      registers,
    }),
    eventsOut: new Counter({
      name: "gapwatch_route_events_out_total",
      help: "Records written to the internal events topic (one per routing key)",
      labelNames: ["topic"],
      registers,
    }),
    deadLetters: new Counter({
      name: "gapwatch_route_dead_letters_total",
      help: "Records sent to the dead-letter topic, per source topic and reason code",
      labelNames: ["topic", "reason"],
      registers,
    }),
    consumerLag: new Gauge({
      name: "gapwatch_consumer_lag_records",
      help: "High watermark minus the next offset to process, per partition",
      labelNames: ["group", "topic", "partition"],
      registers,
    }),
    watermarkDelay: new Gauge({
      name: "gapwatch_correlate_watermark_delay_seconds",
      help: "Wall clock minus the partition's event-time watermark",
      labelNames: ["partition"],
      registers,
    }),
    stateEntries: new Gauge({
      name: "gapwatch_correlate_state_entries",
      help: "Entries of correlation state held, per rule (all owned partitions)",
      labelNames: ["rule"],
      registers,
    }),
    stateEvictions: new Gauge({
      name: "gapwatch_correlate_state_evictions",
      help: "State entries evicted by the bounds, per rule (since the partitions were assigned)",
      labelNames: ["rule"],
      registers,
    }),
    lateEvents: new Gauge({
      name: "gapwatch_correlate_late_events",
      help: "Events later than the watermark, per partition (since assignment)",
      labelNames: ["partition"],
      registers,
    }),
    incidents: new Counter({
      name: "gapwatch_correlate_incidents_total",
      help: "Incident versions emitted, opened or updated, per rule",
      labelNames: ["rule", "change"],
      registers,
    }),
    duplicatesSkipped: new Counter({
      name: "gapwatch_correlate_duplicates_skipped_total",
      help: "Events re-produced after a route-stage restart and skipped by the origin filter",
      labelNames: ["partition"],
      registers,
    }),
    derivedDropped: new Counter({
      name: "gapwatch_correlate_derived_dropped_total",
      help: "Derived events dropped by the generation bound",
      registers,
    }),
    sinkLatency: new Histogram({
      name: "gapwatch_sink_write_seconds",
      help: "Time until a sink acknowledged a write, retries included",
      labelNames: ["sink"],
      buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60],
      registers,
    }),
    sinkErrors: new Counter({
      name: "gapwatch_sink_errors_total",
      help: "Failed sink writes (retried)",
      labelNames: ["sink"],
      registers,
    }),
    sinkWaiting: new Gauge({
      name: "gapwatch_sink_waiting",
      help: "1 while a stage is paused waiting for a sink to acknowledge (backpressure)",
      labelNames: ["stage"],
      registers,
    }),
    snapshots: new Counter({
      name: "gapwatch_state_snapshots_total",
      help: "State snapshots written",
      labelNames: ["outcome"],
      registers,
    }),
    snapshotBytes: new Gauge({
      name: "gapwatch_state_snapshot_bytes",
      help: "Size of the last snapshot per partition",
      labelNames: ["partition"],
      registers,
    }),
    restores: new Counter({
      name: "gapwatch_state_restores_total",
      help: "Partition state restores by source (snapshot or empty)",
      labelNames: ["source"],
      registers,
    }),
    identityLeases: new Gauge({
      name: "gapwatch_identity_updates_applied",
      help: "Identity updates applied from the global table",
      registers,
    }),
  };
}
