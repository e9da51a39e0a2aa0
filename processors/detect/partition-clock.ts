// Per-partition event time: the watermark (max event time seen minus allowed lateness) and the reorder
// buffer. Events wait in the buffer, sorted by event time, until the watermark passes them; then they are
// released in event-time order. This is what makes results independent of arrival order within the
// allowed lateness (reverse-order sequences are still found; interleavings give identical incidents), at
// the cost of emitting up to `allowedLatenessMs` of event time later (the Flink CEP event-time trade-off).
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";

export interface Buffered {
  t: number;
  event: CanonicalEvent;
  key?: string;
  /** A derived event (path hop, signal): buffered at its event time like any other, never counted as input. */
  derived?: boolean;
  /** The engine's eager rules already evaluated it on arrival; at release only the other rules do. */
  eager?: boolean;
  /** Tie-break for equal times, computed lazily: arrival order must not decide. */
  fp?: string;
}

export interface PartitionClock {
  maxTime: number;
  watermark: number;
  buffer: Buffered[];
}

export function newClock(): PartitionClock {
  return { maxTime: Number.NEGATIVE_INFINITY, watermark: Number.NEGATIVE_INFINITY, buffer: [] };
}

const fingerprint = (b: Buffered) => {
  b.fp ??= JSON.stringify(b.event) + (b.key ?? "");
  return b.fp;
};

/** Event-time order of buffered items: time, then input events before derived ones (a derived event follows
 * the event that caused it, whether it was produced on release or, for eager rules, on arrival), then content
 * (never arrival). */
export function before(a: Buffered, b: Buffered): boolean {
  if (a.t !== b.t) return a.t < b.t;
  if (!a.derived !== !b.derived) return !a.derived;
  return fingerprint(a) < fingerprint(b);
}

/** Inserts keeping the buffer sorted by (time, fingerprint); false for an exact duplicate still buffered
 * (at-least-once redelivery within the lateness must not count twice). */
export function insert(clock: PartitionClock, item: Buffered): boolean {
  const buffer = clock.buffer;
  let lo = 0;
  let hi = buffer.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(buffer[mid]!, item)) lo = mid + 1;
    else hi = mid;
  }
  const next = buffer[lo];
  if (next && next.t === item.t && fingerprint(next) === fingerprint(item)) return false;
  buffer.splice(lo, 0, item);
  return true;
}

/** Removes and returns, in order, every buffered event at or before the watermark. */
export function takeReleased(clock: PartitionClock): Buffered[] {
  let n = 0;
  while (n < clock.buffer.length && clock.buffer[n]!.t <= clock.watermark) n++;
  return n === 0 ? [] : clock.buffer.splice(0, n);
}
