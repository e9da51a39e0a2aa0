// The correlate stage over ports: one engine per owned events partition, restored from the partition's
// latest snapshot (which carries the offset it reflects) before its first batch, so a restore never applies
// an event twice or skips one. Every `snapshot_interval_ms` (and at shutdown) state is snapshotted, then the
// offset committed; outputs re-emitted after a crash are harmless (deterministic ids, origin filter).
import type { Logger } from "pino";
import type { Incident } from "../../detections/shared/incident.ts";
import { writeAllDurably } from "./durability.ts";
import { observeCorrelate } from "./metrics/observe.ts";
import type { RuntimeMetrics } from "./metrics/registry.ts";
import { collect, correlateEvent } from "./pipeline.ts";
import type { Clock } from "./ports/clock.ts";
import type { OutputRecord } from "./ports/record.ts";
import type { RecordSink } from "./ports/record-sink.ts";
import { partitionId, type RecordBatch, type RecordSource, type TopicPartition } from "./ports/record-source.ts";
import type { StateStore } from "./ports/state-store.ts";
import type { CorrelationEngine, Stages } from "./stages.ts";
import { decodeRoutedEvent, encodeRoutedEvent, isAfter } from "./wire.ts";

/** Where incidents go (Elasticsearch, the incidents topic, the webhook outbox): resolves when durable. */
export interface IncidentWriter {
  name: string;
  write(incidents: Incident[]): Promise<void>;
}

export interface CorrelateStageOptions {
  stages: Stages;
  source: RecordSource;
  sink: RecordSink;
  store: StateStore;
  writers: IncidentWriter[];
  eventsTopic: string;
  group: string;
  snapshotIntervalMs: number;
  /** Wall time without input after which an events partition's watermark follows the clock (0 = never). */
  idleWatermarkMs: number;
  /**
   * Whether the stage that feeds the events topic has nothing left to route (the route group has consumed
   * every raw partition to its end). A partition without records is idle only then: while the route stage is
   * down, rebalancing or cut off from the broker, records wait upstream, possibly older than the partition's
   * latest event, and a watermark that followed the clock meanwhile would make them late. Absent: always.
   */
  upstreamIdle?: () => Promise<boolean>;
  maxGenerations: number;
  heartbeatMs: number;
  clock: Clock;
  metrics: RuntimeMetrics;
  logger: Logger;
}

interface Slot {
  tp: TopicPartition;
  engine: CorrelationEngine;
  /** Next offset the engine state does not reflect yet (null = whatever the group gives us first). */
  position: bigint | null;
  /** Last position seen per origin, to skip records re-produced after a route-stage restart. */
  seen: Record<string, { offset: string; seq: number }>;
  dirty: boolean;
  changedSinceSnapshot: boolean;
  lastSnapshotAt: number;
  /** Max event time of input events (not derived), for the idle watermark. */
  maxEventTime: number | null;
  lastRecordAt: number;
  advancedTo: number;
  idleSeq: number;
}

interface SlotState {
  engine: unknown;
  seen: Slot["seen"];
  maxEventTime?: number | null;
}

export interface CorrelateStage {
  start(): Promise<void>;
  /** Snapshots and commits every owned partition (graceful shutdown). */
  checkpointAll(): Promise<void>;
  owned(): TopicPartition[];
}

export function createCorrelateStage(options: CorrelateStageOptions): CorrelateStage {
  const { stages, source, sink, store, metrics, clock } = options;
  const logger = options.logger.child({ stage: "correlate" });
  const slots = new Map<string, Slot>();
  let busy: Promise<void> = Promise.resolve();
  let stopping = false;
  let idleTimer: NodeJS.Timeout | undefined;
  const serially = (work: () => Promise<void>): Promise<void> => {
    busy = busy.catch(() => undefined).then(work);
    return busy;
  };

  async function restore(tp: TopicPartition): Promise<Slot> {
    const owner = partitionId(tp);
    const snapshot = (await store.load([owner])).get(owner);
    const engine = stages.createEngine();
    const slot: Slot = {
      tp,
      engine,
      position: null,
      seen: {},
      dirty: false,
      changedSinceSnapshot: false,
      lastSnapshotAt: clock.now(),
      maxEventTime: null,
      lastRecordAt: clock.now(),
      advancedTo: Number.NEGATIVE_INFINITY,
      idleSeq: 0,
    };
    if (snapshot) {
      const state = snapshot.state as SlotState;
      engine.restore(state.engine);
      slot.seen = state.seen ?? {};
      slot.maxEventTime = state.maxEventTime ?? null;
      slot.position = BigInt(snapshot.nextOffset);
      metrics.restores.inc({ source: "snapshot" });
    } else {
      metrics.restores.inc({ source: "empty" });
    }
    logger.info({ partition: owner, from: snapshot?.nextOffset ?? "committed" }, "partition state restored");
    slots.set(owner, slot);
    return slot;
  }

  async function checkpoint(slot: Slot, force: boolean): Promise<void> {
    if (slot.position === null || (!slot.changedSinceSnapshot && !force) || slot.dirty) return;
    if (!force && clock.now() - slot.lastSnapshotAt < options.snapshotIntervalMs) return;
    const owner = partitionId(slot.tp);
    const nextOffset = slot.position.toString();
    if (slot.changedSinceSnapshot) {
      const state: SlotState = { engine: slot.engine.snapshot(), seen: slot.seen, maxEventTime: slot.maxEventTime };
      const bytes = await store.save({ owner, nextOffset, state, writtenAt: clock.now() });
      metrics.snapshots.inc({ outcome: "ok" });
      metrics.snapshotBytes.set({ partition: String(slot.tp.partition) }, bytes);
    }
    await source.commit([{ ...slot.tp, offset: nextOffset }]);
    slot.changedSinceSnapshot = false;
    slot.lastSnapshotAt = clock.now();
  }

  async function onBatch(batch: RecordBatch): Promise<void> {
    const id = partitionId(batch);
    let slot = slots.get(id);
    if (!slot || slot.dirty) slot = await restore(batch);
    const first = batch.records[0];
    if (first && slot.position !== null && BigInt(first.offset) > slot.position) {
      // The fetch position ran ahead of the restored state (a batch was abandoned): go back to it.
      source.seek(batch, slot.position.toString());
      return;
    }
    const outputs: OutputRecord[] = [];
    const incidents = new Map<string, Incident>();
    let position = slot.position;
    const seen = { ...slot.seen };
    let maxEventTime = slot.maxEventTime;
    for (const record of batch.records) {
      const offset = BigInt(record.offset);
      if (position !== null && offset < position) continue; // already reflected in the restored state
      position = offset + 1n;
      const decoded = decodeRoutedEvent(record);
      if (!decoded.ok) {
        logger.warn(
          { partition: id, offset: record.offset, reason: decoded.reason },
          "skipping invalid internal record",
        );
        continue;
      }
      if (decoded.origin) {
        const last = seen[decoded.origin.origin];
        const previous = last ? { offset: BigInt(last.offset), seq: last.seq } : undefined;
        if (!isAfter(previous, decoded.origin)) {
          metrics.duplicatesSkipped.inc({ partition: String(batch.partition) });
          continue;
        }
        seen[decoded.origin.origin] = { offset: decoded.origin.offset.toString(), seq: decoded.origin.seq };
      }
      if (decoded.routed.generation === 0) {
        const t = Date.parse(decoded.routed.event["@timestamp"]);
        if (Number.isFinite(t) && t > (maxEventTime ?? Number.NEGATIVE_INFINITY)) maxEventTime = t;
      }
      const result = correlateEvent(stages, slot.engine, decoded.routed, options.maxGenerations);
      for (const incident of result.incidents) {
        metrics.incidents.inc({
          rule: incident.rule?.id ?? "unknown",
          change: incidents.has(incident.id) ? "updated" : "emitted",
        });
        incidents.set(incident.id, incident);
      }
      if (result.droppedDerived > 0) metrics.derivedDropped.inc(result.droppedDerived);
      // A derived event fanned out to several keys is serialised once.
      let event: unknown;
      let json = "";
      for (const [seq, routed] of result.derived.entries()) {
        if (routed.event !== event) {
          event = routed.event;
          json = JSON.stringify(event);
        }
        outputs.push(encodeRoutedEvent(options.eventsTopic, routed, { origin: id, offset, seq }, json));
      }
    }
    const durable = await emit(incidents, outputs, batch);
    if (!durable) {
      // Outputs are not all durable: the in-memory state ran ahead of them, so it is thrown away and
      // rebuilt from the snapshot the next time this partition is processed, here or elsewhere.
      slot.dirty = true;
      logger.info({ partition: id }, "batch abandoned before its outputs were durable");
      return;
    }
    slot.position = position;
    slot.seen = seen;
    slot.maxEventTime = maxEventTime;
    slot.lastRecordAt = clock.now();
    const last = batch.records[batch.records.length - 1];
    if (last) batch.markProcessed(last.offset);
    slot.changedSinceSnapshot = true;
    observeCorrelate(metrics, {
      group: options.group,
      batch,
      position: slot.position,
      engine: slot.engine,
      engines: [...slots.values()].map((x) => x.engine),
      now: clock.now(),
    });
    await checkpoint(slot, options.snapshotIntervalMs === 0);
  }

  const emit = (
    incidents: Map<string, Incident>,
    outputs: OutputRecord[],
    ctx: { heartbeat(): Promise<void>; isActive(): boolean },
  ): Promise<boolean> => {
    const writes =
      incidents.size > 0
        ? options.writers.map((w) => ({ name: w.name, run: () => w.write([...incidents.values()]) }))
        : [];
    if (outputs.length > 0) writes.push({ name: "kafka", run: () => sink.send(outputs) });
    return writeAllDurably(writes, {
      ...ctx,
      logger,
      heartbeatMs: options.heartbeatMs,
      metrics,
      stage: "correlate",
      now: clock.now,
    });
  };

  /**
   * Idle partitions: once nothing arrived for idleWatermarkMs of wall time, the watermark moves to the max
   * event time and then with the wall clock, so buffered events are released and open windows close when
   * the input stops (the end of a scenario, a quiet night). Events arriving later are late (counted).
   */
  /** An owned partition that has received nothing for idleWatermarkMs (its watermark may follow the clock). */
  function idleCandidate(slot: Slot): boolean {
    if (slot.dirty || slot.position === null || slot.maxEventTime === null) return false;
    return clock.now() - slot.lastRecordAt >= options.idleWatermarkMs;
  }

  /** Once per tick: idle partitions follow the clock, unless records still wait upstream (then nothing is idle). */
  async function advanceIdlePartitions(): Promise<void> {
    const candidates = [...slots.values()].filter(idleCandidate);
    if (candidates.length === 0) return;
    if (options.upstreamIdle && !(await options.upstreamIdle())) {
      // A busy upstream counts as activity: idle time starts again once it has caught up.
      for (const slot of candidates) slot.lastRecordAt = clock.now();
      return;
    }
    for (const slot of candidates) if (slots.get(partitionId(slot.tp)) === slot) await advanceIdle(slot);
  }

  async function advanceIdle(slot: Slot): Promise<void> {
    const idleMs = options.idleWatermarkMs;
    const { maxEventTime, position } = slot;
    if (maxEventTime === null || position === null || !idleCandidate(slot)) return;
    const idle = clock.now() - slot.lastRecordAt;
    const target = maxEventTime + (idle - idleMs);
    if (target <= slot.advancedTo + 1000) return;
    slot.advancedTo = target;
    const result = collect(stages, slot.engine.advanceWatermark(target), 1, options.maxGenerations);
    const incidents = new Map(result.incidents.map((i) => [i.id, i]));
    const origin = { origin: partitionId(slot.tp), offset: position - 1n };
    const outputs = result.derived.map((routed) =>
      encodeRoutedEvent(options.eventsTopic, routed, { ...origin, seq: 1_000_000 + slot.idleSeq++ }),
    );
    if (incidents.size === 0 && outputs.length === 0) return;
    const owner = partitionId(slot.tp);
    const ok = await emit(incidents, outputs, {
      heartbeat: async () => {},
      isActive: () => slots.get(owner) === slot && !stopping,
    });
    if (!ok) {
      slot.dirty = true;
      return;
    }
    slot.changedSinceSnapshot = true;
    await checkpoint(slot, false);
  }

  return {
    start: () =>
      source
        .start({
          onAssigned: async (partitions) => {
            for (const tp of partitions) await restore(tp);
          },
          onRevoked: async (partitions) => {
            for (const tp of partitions) slots.delete(partitionId(tp));
          },
          onBatch: (batch) => serially(() => onBatch(batch)),
        })
        .then(() => {
          if (options.idleWatermarkMs <= 0) return;
          idleTimer = setInterval(() => {
            if (stopping) return;
            void serially(async () => {
              await advanceIdlePartitions();
            }).catch((error: unknown) => logger.warn({ err: error }, "idle watermark advance failed"));
          }, 1000);
          idleTimer.unref();
        }),
    async checkpointAll() {
      stopping = true;
      clearInterval(idleTimer);
      await busy.catch(() => undefined);
      for (const slot of slots.values()) {
        await checkpoint(slot, true).catch((error: unknown) =>
          logger.warn({ err: error, partition: partitionId(slot.tp) }, "final checkpoint failed"),
        );
      }
    },
    owned: () => [...slots.values()].map((s) => s.tp),
  };
}
