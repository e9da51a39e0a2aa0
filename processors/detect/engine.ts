// The detection engine: event time per partition (watermark + reorder buffer), bounded per-rule state,
// hits -> incidents, derived events, snapshots. Pure with respect to I/O: the runtime feeds events and
// watermarks, writes incidents, routes derived events and stores snapshots (processors/detect/README.md).

import { derivedRuleOf } from "../../detections/kinds/path/derived.ts";
import type { CompiledRule } from "../../detections/language/compile-rule.ts";
import type { Incident } from "../../detections/shared/incident.ts";
import { isSignal } from "../../detections/shared/signal.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { StateError } from "../runtime/errors.ts";
import { EngineConfig, type EngineOptions } from "./config.ts";
import { LocalDerived } from "./local-derived.ts";
import { type Buffered, before, insert, newClock, type PartitionClock, takeReleased } from "./partition-clock.ts";
import { FieldValues } from "./prefilter.ts";
import { routingKeysForRules } from "./routing.ts";
import {
  createRuleRuntime,
  evaluateRule,
  fireDue,
  type RuleCounters,
  type RuleRuntime,
  type Sink,
} from "./rule-runtime.ts";
import {
  type EngineSnapshot,
  RESTORABLE_VERSIONS,
  restoreRule,
  SNAPSHOT_VERSION,
  snapshotPartition,
  snapshotRule,
} from "./snapshot.ts";

export interface ProcessResult {
  /** Incidents opened or updated by this call (final state within the call, one per id). */
  incidents: Incident[];
  /** Derived events (path hops, detection signals) to route by routingKeys; in single-process mode already applied. */
  derived: CanonicalEvent[];
  /** True when the event was older than the partition watermark and was not evaluated (late policy). */
  late: boolean;
}

export interface EngineMetrics {
  eventsIn: number;
  eventsReleased: number;
  lateEvents: number;
  /** Exact duplicates dropped while still in the reorder buffer (redelivery within the lateness). */
  duplicateEvents: number;
  derivedEvents: number;
  bufferedEvents: number;
  reorderOverflows: number;
  stateEntries: number;
  evictions: number;
  watermarks: Record<string, number | null>;
  rules: Record<string, RuleCounters & { entries: number; openIncidents: number; incidentEvictions: number }>;
}

export interface Engine {
  readonly rules: readonly CompiledRule[];
  process(event: CanonicalEvent, partition?: number, options?: { key?: string }): ProcessResult;
  advanceWatermark(partition: number, epochMs: number): ProcessResult;
  flush(): ProcessResult;
  snapshot(partitions?: number[]): EngineSnapshot;
  restore(snapshot: EngineSnapshot): void;
  /** Forgets every partition given (after a rebalance revoked them): clocks, buffers, state, open incidents. */
  dropPartitions(partitions: number[]): void;
  metrics(): EngineMetrics;
  routingKeys(event: CanonicalEvent): string[];
}

const MAX_DERIVED_PER_CALL = 1000;
/** Expired (event-time TTL) state is dropped lazily on access; a full purge runs this often (amortised). */
const PURGE_EVERY = 16_384;

export function createEngine(options: EngineOptions): Engine {
  const config = EngineConfig.parse({
    allowedLatenessMs: options.allowedLatenessMs,
    stateBounds: options.stateBounds,
    maxBufferedEvents: options.maxBufferedEvents,
    maxOpenIncidentsPerRule: options.maxOpenIncidentsPerRule,
  });
  let now = 0;
  const clock = { now: () => now };
  const bounds = { ...config.stateBounds, maxOpenIncidents: config.maxOpenIncidentsPerRule };
  const fields = new FieldValues();
  const runtimes: RuleRuntime[] = options.rules.map((rule) => createRuleRuntime(rule, bounds, clock, fields));
  const byId = new Map(runtimes.map((rt) => [rt.rule.id, rt]));
  // Eager rules (kind.eager: one event is the whole hit) see an event when it arrives; the others when the
  // watermark releases it. A released event that eager rules already saw is evaluated by the others only.
  const eagerOn = options.eager ?? true;
  const eagerRuntimes = eagerOn ? runtimes.filter((rt) => rt.rule.kind.eager === true) : [];
  const deferredRuntimes = runtimes.filter((rt) => !eagerRuntimes.includes(rt));
  /** Rules whose kind closes windows on the watermark (absence): the only ones fireDue can act on. */
  const timed = runtimes.filter((rt) => rt.rule.kind.onWatermark !== undefined);
  const clocks = new Map<number, PartitionClock>();
  const local = new LocalDerived();
  /** Derived events this call may still apply (a rule cycle cannot loop forever). */
  let budget = MAX_DERIVED_PER_CALL;
  /** Set once any call routes by key (scale-out): derived events are then left to the runtime to route. */
  let keyedMode = false;
  const totals = {
    eventsIn: 0,
    eventsReleased: 0,
    lateEvents: 0,
    duplicateEvents: 0,
    derivedEvents: 0,
    reorderOverflows: 0,
  };

  const clockOf = (p: number) => {
    let c = clocks.get(p);
    if (!c) {
      c = newClock();
      clocks.set(p, c);
    }
    return c;
  };
  const signals = options.signals ?? true;
  const newSink = (): Sink => ({ incidents: undefined, derived: [], signals });
  const isDerived = (event: CanonicalEvent) => derivedRuleOf(event) !== undefined || isSignal(event);
  const result = (sink: Sink, late = false): ProcessResult => ({
    incidents: sink.incidents ? [...sink.incidents.values()] : [],
    derived: sink.derived,
    late,
  });

  /** Evaluates a released event (every rule, or only the deferred ones when eager rules saw it on arrival). */
  function evaluate(event: CanonicalEvent, p: number, key: string | undefined, sink: Sink, t: number, eager?: boolean) {
    if (t > now) now = t;
    fields.reset();
    const wm = clockOf(p).watermark;
    const target = derivedRuleOf(event);
    const list =
      target !== undefined ? (byId.has(target) ? [byId.get(target)!] : []) : eager ? deferredRuntimes : runtimes;
    for (const rt of list) evaluateRule(rt, event, t, p, wm, key, sink);
  }

  /** Evaluates an arriving (buffered, not late) event with the eager rules. The engine clock is not moved:
   * it follows released events, so state TTLs of the deferred rules mean the same as without eager rules. */
  function evaluateEager(event: CanonicalEvent, p: number, key: string | undefined, sink: Sink, t: number) {
    fields.reset();
    const wm = clockOf(p).watermark;
    for (const rt of eagerRuntimes) evaluateRule(rt, event, t, p, wm, key, sink);
  }

  /** Queues the derived events produced since `from` for evaluation in event-time order (local-derived.ts):
   * all of them in single-process mode, the copies for owned keys in keyed mode. Returns how many. */
  function enqueue(c: PartitionClock, pending: PartitionClock, sink: Sink, from: number, keyed: boolean): number {
    let queued = 0;
    for (let i = from; i < sink.derived.length && budget > 0; i++) {
      budget--;
      const event = sink.derived[i]!;
      const t = Date.parse(event["@timestamp"]);
      if (!Number.isFinite(t)) continue;
      // A derived time is that of a released event, so it is at or before the limit; were it not, it waits.
      const into = t <= c.watermark ? pending : c;
      const queue = (key: string) => (local.queue(into, { t, event, key, derived: true }) ? 1 : 0);
      if (!keyed) queued += insert(into, { t, event, derived: true }) ? 1 : 0;
      else for (const key of routingKeysForRules(options.rules, event)) if (local.owns(key)) queued += queue(key);
    }
    return queued;
  }

  /** Releases, in event-time order, the buffered events the watermark passed and the derived events they
   * produce (each right after the events at or before its time), then closes due absence windows. */
  function release(p: number, watermark: number, sink: Sink): void {
    const c = clockOf(p);
    if (watermark > c.watermark) c.watermark = watermark;
    const pending = newClock();
    for (;;) {
      const batch = takeReleased(c);
      let i = 0;
      while (i < batch.length || pending.buffer.length > 0) {
        const head = pending.buffer[0];
        const item = head && (i >= batch.length || before(head, batch[i]!)) ? pending.buffer.shift()! : batch[i++]!;
        const from = sink.derived.length;
        for (const rt of timed) fireDue(rt, p, item.t - 1, sink);
        if (item.derived) totals.derivedEvents++;
        else if (++totals.eventsReleased % PURGE_EVERY === 0) for (const rt of runtimes) rt.slots.purgeStale();
        evaluate(item.event, p, item.key, sink, item.t, item.eager);
        enqueue(c, pending, sink, from, item.key !== undefined);
      }
      const from = sink.derived.length;
      for (const rt of timed) fireDue(rt, p, c.watermark, sink);
      if (enqueue(c, pending, sink, from, keyedMode) === 0) return;
    }
  }

  return {
    rules: options.rules,
    process(event, partition = 0, opts = {}) {
      totals.eventsIn++;
      budget = MAX_DERIVED_PER_CALL;
      if (opts.key !== undefined) keyedMode = true;
      const sink = newSink();
      const c = clockOf(partition);
      const t = Date.parse(event["@timestamp"]);
      if (isDerived(event)) {
        // Never late (its time is that of an event already released): it enters the buffer at that time. A
        // copy this engine already applied itself (local-derived.ts) is dropped.
        if (opts.key !== undefined && local.takeApplied(event, opts.key)) return result(sink);
        const item = opts.key === undefined ? { t, event, derived: true } : { t, event, key: opts.key, derived: true };
        if (Number.isFinite(t) && !insert(c, item)) totals.duplicateEvents++;
        release(partition, c.watermark, sink);
        return result(sink);
      }
      if (opts.key !== undefined) local.own(opts.key);
      if (!Number.isFinite(t) || t < c.watermark) {
        totals.lateEvents++;
        return result(sink, true);
      }
      const eager = eagerRuntimes.length > 0 || undefined;
      const item: Buffered = opts.key === undefined ? { t, event, eager } : { t, event, key: opts.key, eager };
      if (!insert(c, item)) {
        totals.duplicateEvents++;
        return result(sink);
      }
      if (eager) {
        // Signals of incidents opened here enter the buffer at their time (not behind the watermark: the
        // event was not late), to be evaluated in event-time order like every derived event.
        evaluateEager(event, partition, opts.key, sink, t);
        enqueue(c, c, sink, 0, opts.key !== undefined);
      }
      if (t > c.maxTime) c.maxTime = t;
      let watermark = c.maxTime - config.allowedLatenessMs;
      if (c.buffer.length > config.maxBufferedEvents) {
        totals.reorderOverflows++;
        watermark = Math.max(watermark, c.buffer[0]!.t);
      }
      release(partition, watermark, sink);
      return result(sink);
    },
    advanceWatermark(partition, epochMs) {
      const sink = newSink();
      budget = MAX_DERIVED_PER_CALL;
      release(partition, epochMs, sink);
      return result(sink);
    },
    flush() {
      const sink = newSink();
      budget = MAX_DERIVED_PER_CALL;
      for (const [p, c] of clocks) {
        release(p, Number.POSITIVE_INFINITY, sink);
        c.watermark = Number.isFinite(c.maxTime) ? c.maxTime : c.watermark;
      }
      return result(sink);
    },
    snapshot(partitions) {
      const keep = partitions ? (p: number) => partitions.includes(p) : () => true;
      const snap: EngineSnapshot = { version: SNAPSHOT_VERSION, clock: now, partitions: {}, rules: {} };
      for (const [p, c] of clocks) if (keep(p)) snap.partitions[String(p)] = snapshotPartition(c);
      for (const rt of runtimes) snap.rules[rt.rule.id] = snapshotRule(rt, keep);
      return snap;
    },
    restore(snap) {
      if (!RESTORABLE_VERSIONS.includes(snap.version)) {
        throw new StateError(
          "engine_snapshot_version",
          `unsupported engine snapshot version ${snap.version} (this engine restores ${RESTORABLE_VERSIONS.join(", ")})`,
        );
      }
      if (snap.clock !== null && snap.clock > now) now = snap.clock;
      for (const [p, ps] of Object.entries(snap.partitions)) {
        const c = clockOf(Number(p));
        c.maxTime = ps.maxTime ?? Number.NEGATIVE_INFINITY;
        c.watermark = ps.watermark ?? Number.NEGATIVE_INFINITY;
        c.buffer = [];
        for (const b of ps.buffer) {
          const t = Date.parse(b.event["@timestamp"]);
          const derived = isDerived(b.event);
          // `eager`: the eager rules saw it before the snapshot; a snapshot without it predates eager rules.
          const eager = b.eager === true && eagerRuntimes.length > 0 ? true : undefined;
          insert(
            c,
            b.key === undefined
              ? { t, event: b.event, derived, eager }
              : { t, event: b.event, key: b.key, derived, eager },
          );
        }
      }
      for (const [id, rs] of Object.entries(snap.rules)) {
        const rt = byId.get(id);
        if (rt) restoreRule(rt, rs);
      }
    },
    dropPartitions(partitions) {
      const drop = new Set(partitions);
      for (const p of drop) clocks.delete(p);
      local.forget();
      for (const rt of runtimes) {
        for (const [key, slot] of [...rt.slots.entries()]) if (drop.has(slot.p)) rt.slots.delete(key);
        for (const [group, open] of [...rt.open.entries()]) if (drop.has(open.partition)) rt.open.delete(group);
        for (const p of drop) rt.started.delete(p);
      }
    },
    metrics() {
      const rules: EngineMetrics["rules"] = {};
      let stateEntries = 0;
      let evictions = 0;
      for (const rt of runtimes) {
        stateEntries += rt.slots.size;
        evictions += rt.counters.evictions;
        rules[rt.rule.id] = {
          ...rt.counters,
          entries: rt.slots.size,
          openIncidents: rt.open.size,
          incidentEvictions: rt.incidentCounters.evictions,
        };
      }
      const watermarks: Record<string, number | null> = {};
      let bufferedEvents = 0;
      for (const [p, c] of clocks) {
        watermarks[String(p)] = Number.isFinite(c.watermark) ? c.watermark : null;
        bufferedEvents += c.buffer.length;
      }
      return { ...totals, bufferedEvents, stateEntries, evictions, watermarks, rules };
    },
    routingKeys(event) {
      return routingKeysForRules(options.rules, event);
    },
  };
}
