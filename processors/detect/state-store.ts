// Bounded per-rule state: an lru-cache with max entries and an event-time TTL (the cache's clock is the
// engine's event-time clock, so replays behave exactly like live runs). Evictions and expirations are
// counted through dispose, never silent.
import { LRUCache } from "lru-cache";

export interface Slot {
  /** Partition whose watermark governs this key's state. */
  p: number;
  /** Kind state (plain JSON). */
  s: unknown;
  /** Absence deadline (ms), when the kind asked for one. */
  d?: number;
}

export interface StoreCounters {
  evictions: number;
  expirations: number;
}

export interface EventClock {
  now(): number;
}

export function createStore<V extends object>(
  max: number,
  ttlMs: number,
  clock: EventClock,
  counters: StoreCounters,
  onRemove?: (key: string) => void,
): LRUCache<string, V> {
  // maxSize with unit sizes bounds entries exactly like `max` but without preallocating arrays of `max`
  // slots per store (lru-cache allocates them eagerly for `max`; 19 rules x 1M keys would be gigabytes).
  return new LRUCache<string, V>({
    maxSize: max,
    sizeCalculation: () => 1,
    ttl: ttlMs,
    perf: clock,
    // 0: read the event-time clock on every check; the default caches "now" for 1 ms of wall time with a
    // timer, which would make TTL decisions depend on machine speed (and costs a setTimeout per call).
    ttlResolution: 0,
    updateAgeOnGet: false,
    dispose: (_value, key, reason) => {
      if (reason === "evict") counters.evictions++;
      else if (reason === "expire") counters.expirations++;
      if (reason !== "set") onRemove?.(key);
    },
  });
}
