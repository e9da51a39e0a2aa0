// The topology of `gapwatch run` as data (STYLE.md section 7): stages, topics, state stores and sinks, each
// with a stable name. service.ts wires exactly this; a wiring change shows up here first.
import type { GapwatchConfig } from "./config/schema.ts";

export interface TopologyTopic {
  name: string;
  role: "raw" | "events" | "identity" | "state" | "dead_letter" | "incidents" | "outbox";
  partitions?: number;
  cleanupPolicy?: "delete" | "compact";
  format?: string;
}

export interface TopologyStage {
  name: string;
  role: "route" | "correlate" | "identity" | "deliver";
  consumerGroup?: string;
  reads: string[];
  writes: string[];
  stores: string[];
  enabled: boolean;
}

export interface TopologyStore {
  name: string;
  kind: "global-table" | "partitioned-state";
  backedBy: string;
  bounds: string;
}

export interface TopologySink {
  name: string;
  kind: "elasticsearch" | "kafka" | "webhook";
  target: string;
}

export interface Topology {
  stages: TopologyStage[];
  topics: TopologyTopic[];
  stores: TopologyStore[];
  sinks: TopologySink[];
}

export function describeTopology(config: GapwatchConfig): Topology {
  const t = config.topics;
  const roles = new Set(config.runtime.roles);
  const group = config.kafka.consumer_group;
  const incidentSinks = [
    ...(config.elasticsearch ? ["sink.elasticsearch"] : []),
    "sink.incidents-topic",
    ...(config.delivery?.targets.length ? ["sink.webhook-outbox"] : []),
  ];
  return {
    topics: [
      ...t.raw.map((r) => ({ name: r.name, role: "raw" as const, format: r.format })),
      { name: t.events.name, role: "events", partitions: t.events.partitions, cleanupPolicy: t.events.cleanup_policy },
      {
        name: t.identity.name,
        role: "identity",
        partitions: t.identity.partitions,
        cleanupPolicy: t.identity.cleanup_policy,
      },
      { name: t.state.name, role: "state", partitions: t.state.partitions, cleanupPolicy: t.state.cleanup_policy },
      {
        name: t.dead_letter.name,
        role: "dead_letter",
        partitions: t.dead_letter.partitions,
        cleanupPolicy: t.dead_letter.cleanup_policy,
      },
      {
        name: t.incidents.name,
        role: "incidents",
        partitions: t.incidents.partitions,
        cleanupPolicy: t.incidents.cleanup_policy,
      },
      { name: t.outbox.name, role: "outbox", partitions: t.outbox.partitions, cleanupPolicy: t.outbox.cleanup_policy },
    ],
    stages: [
      {
        name: "identity-table",
        role: "identity",
        reads: [t.identity.name],
        writes: [],
        stores: ["store.identity"],
        enabled: roles.has("route"),
      },
      {
        name: "route",
        role: "route",
        consumerGroup: `${group}.route`,
        reads: t.raw.map((r) => r.name),
        writes: [t.events.name, t.identity.name, t.dead_letter.name],
        stores: ["store.identity"],
        enabled: roles.has("route"),
      },
      {
        name: "correlate",
        role: "correlate",
        consumerGroup: `${group}.correlate`,
        reads: [t.events.name],
        writes: [t.events.name, t.state.name, ...incidentSinks],
        stores: ["store.correlation"],
        enabled: roles.has("correlate"),
      },
      {
        name: "deliver",
        role: "deliver",
        reads: [t.outbox.name],
        writes: [t.outbox.name, t.dead_letter.name, "sink.webhooks"],
        stores: [],
        enabled: roles.has("correlate") && Boolean(config.delivery?.targets.length),
      },
    ],
    stores: [
      {
        name: "store.identity",
        kind: "global-table",
        backedBy: t.identity.name,
        bounds: "lru of IPs (processors/enrich identity options)",
      },
      {
        name: "store.correlation",
        kind: "partitioned-state",
        backedBy: t.state.name,
        bounds: `${config.detection.state_bounds.max_entries_per_rule} entries per rule and partition, ttl ${config.detection.state_bounds.ttl_ms} ms`,
      },
    ],
    sinks: [
      ...(config.elasticsearch
        ? [{ name: "sink.elasticsearch", kind: "elasticsearch" as const, target: config.elasticsearch.index }]
        : []),
      { name: "sink.incidents-topic", kind: "kafka", target: t.incidents.name },
      ...(config.delivery?.targets.length
        ? [{ name: "sink.webhook-outbox", kind: "kafka" as const, target: t.outbox.name }]
        : []),
      ...(config.delivery?.targets ?? []).map((target) => ({
        name: `sink.webhook.${target.id}`,
        kind: "webhook" as const,
        target: target.format,
      })),
    ],
  };
}

/** A plain-text rendering (logged at start; `topology describe` can reuse it). */
export function renderTopology(topology: Topology): string {
  const lines: string[] = [];
  for (const stage of topology.stages) {
    if (!stage.enabled) continue;
    const group = stage.consumerGroup ? ` [group ${stage.consumerGroup}]` : "";
    lines.push(`${stage.name}${group}: ${stage.reads.join(", ")} -> ${stage.writes.join(", ")}`);
  }
  return lines.join("\n");
}
