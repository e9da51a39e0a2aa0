// Engine snapshots: plain JSON (no Infinity, no Maps) so the Kafka runtime can write them to a compacted
// changelog topic and a new partition owner can restore exactly the state the old one had.
// Per-key TTLs are stored as the remaining event-time TTL, so restoring does not depend on the wall clock.

import type { OpenIncident } from "../../detections/shared/incident-builder.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { PartitionClock } from "./partition-clock.ts";
import type { RuleRuntime } from "./rule-runtime.ts";
import type { Slot } from "./state-store.ts";

/** 2: compact kind state (packed evidence samples, flat risk contributions, new-terms `last`). Version 1
 * snapshots restore unchanged: the kinds read both layouts. */
export const SNAPSHOT_VERSION = 2;
/** Versions restore() accepts. */
export const RESTORABLE_VERSIONS: readonly number[] = [1, 2];

export interface PartitionSnapshot {
  maxTime: number | null;
  watermark: number | null;
  /** `eager`: the eager rules already evaluated the event (absent in snapshots taken before eager rules). */
  buffer: { event: CanonicalEvent; key?: string; eager?: boolean }[];
}

export interface RuleSnapshot {
  /** Partition -> event time of the first event the rule saw there (learning periods). */
  started: Record<string, number>;
  /** [key, slot, remaining TTL ms], least recently used first. */
  slots: [string, Slot, number][];
  /** [group, open incident], least recently used first. */
  open: [string, OpenIncident][];
}

export interface EngineSnapshot {
  version: number;
  /** Engine event-time clock (max released event time). */
  clock: number | null;
  partitions: Record<string, PartitionSnapshot>;
  rules: Record<string, RuleSnapshot>;
}

const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

export function snapshotPartition(clock: PartitionClock): PartitionSnapshot {
  return {
    maxTime: finite(clock.maxTime),
    watermark: finite(clock.watermark),
    buffer: clock.buffer.map((b) => {
      const entry: PartitionSnapshot["buffer"][number] = { event: b.event };
      if (b.key !== undefined) entry.key = b.key;
      if (b.eager) entry.eager = true;
      return entry;
    }),
  };
}

export function snapshotRule(rt: RuleRuntime, keep: (partition: number) => boolean): RuleSnapshot {
  const slots: RuleSnapshot["slots"] = [];
  for (const [key, slot] of rt.slots.entries()) if (keep(slot.p)) slots.push([key, slot, rt.slots.remainingTtl(key)]);
  const open: RuleSnapshot["open"] = [];
  for (const [group, value] of rt.open.rentries() as Generator<[string, OpenIncident]>) {
    if (keep(value.partition)) open.push([group, value]);
  }
  const started: Record<string, number> = {};
  for (const [p, t] of rt.started) if (keep(p)) started[String(p)] = t;
  return { started, slots, open };
}

export function restoreRule(rt: RuleRuntime, snap: RuleSnapshot): void {
  for (const [p, t] of Object.entries(snap.started)) rt.started.set(Number(p), t);
  for (const [key, slot, ttl] of snap.slots) {
    rt.slots.set(key, slot, ttl > 0 && Number.isFinite(ttl) ? ttl : undefined);
  }
  for (const [group, value] of snap.open) rt.open.set(group, value);
}
