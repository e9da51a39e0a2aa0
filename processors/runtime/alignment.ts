// Event-time alignment of the route stage's raw partitions (the idea of Flink's watermark alignment and
// Kafka Streams' timestamp-ordered task input). Reading a backlog, kafkajs serves partitions in whatever
// order fetches return, so one raw partition could run hours of event time ahead of another and push the
// correlate watermark past events not read yet (they would be late). So a partition may only route events
// up to `alignmentMs` past the slowest other partition that still has a backlog; beyond that its batch is
// cut, the partition paused, and resumed when the others caught up. The slowest partition is never held
// back, so progress is guaranteed; a caught-up partition holds nobody back. Right after an assignment,
// partitions not seen yet hold the others for at most `graceMs`, the time one fetch takes to show them.
import { partitionId, type RecordSource, type TopicPartition } from "./ports/record-source.ts";

interface PartitionClock {
  tp: TopicPartition;
  time: number;
  caughtUp: boolean;
}

export interface Alignment {
  /** Latest event time the partition may route now (+Infinity when unconstrained). */
  limit(tp: TopicPartition): number;
  /** Records what the partition reached; `caughtUp` when it has no backlog. Pauses/resumes partitions. */
  update(tp: TopicPartition, time: number, caughtUp: boolean): void;
  assigned(partitions: TopicPartition[]): void;
  reset(): void;
  stop(): void;
}

export function createAlignment(source: RecordSource, alignmentMs: number, graceMs = 2000, now = Date.now): Alignment {
  const clocks = new Map<string, PartitionClock>();
  const paused = new Map<string, TopicPartition>();
  let unseen = new Set<string>();
  let graceUntil = 0;
  let graceTimer: NodeJS.Timeout | undefined;

  const holding = () => unseen.size > 0 && now() < graceUntil;

  function floorExcept(id: string | undefined): number {
    if (holding()) return Number.NEGATIVE_INFINITY;
    let floor = Number.POSITIVE_INFINITY;
    for (const [other, c] of clocks) if (other !== id && !c.caughtUp) floor = Math.min(floor, c.time);
    return floor;
  }

  function realign(): void {
    for (const [id, c] of clocks) {
      const ahead = c.time > floorExcept(id) + alignmentMs;
      if (ahead && !paused.has(id)) {
        paused.set(id, c.tp);
        source.pause([c.tp]);
      } else if (!ahead && paused.has(id)) {
        paused.delete(id);
        source.resume([c.tp]);
      }
    }
  }

  return {
    limit(tp) {
      if (alignmentMs <= 0) return Number.POSITIVE_INFINITY;
      return floorExcept(partitionId(tp)) + alignmentMs;
    },
    update(tp, time, caughtUp) {
      if (alignmentMs <= 0) return;
      const id = partitionId(tp);
      unseen.delete(id);
      const previous = clocks.get(id)?.time ?? Number.NEGATIVE_INFINITY;
      clocks.set(id, { tp: { topic: tp.topic, partition: tp.partition }, time: Math.max(previous, time), caughtUp });
      realign();
    },
    assigned(partitions) {
      if (alignmentMs <= 0) return;
      unseen = new Set(partitions.map(partitionId).filter((id) => !clocks.has(id)));
      graceUntil = now() + graceMs;
      clearTimeout(graceTimer);
      graceTimer = setTimeout(realign, graceMs + 10);
      graceTimer.unref();
    },
    reset() {
      if (paused.size > 0) source.resume([...paused.values()]);
      paused.clear();
      clocks.clear();
      unseen.clear();
    },
    stop() {
      clearTimeout(graceTimer);
    },
  };
}
