// Bounded per-rule state. Key slots live in a SlotStore: one Map in recency order (least recently used first)
// whose values carry their own event-time expiry. It behaves like the lru-cache configuration it replaced
// (max entries, TTL on the engine's event-time clock restarted on every set, not on get; stale entries are
// never returned and are dropped on get and by purgeStale) at a third of the per-entry memory: lru-cache keeps
// seven parallel arrays plus its Map per entry, which dominated state at a million keys. Evictions and
// expirations are counted, never silent. Open incidents (small, bounded) stay in an lru-cache (createStore).
import { LRUCache } from "lru-cache";

export interface Slot {
  /** Partition whose watermark governs this key's state. */
  p: number;
  /** Kind state (plain JSON). */
  s: unknown;
  /** Absence deadline (ms), when the kind asked for one. */
  d?: number;
}

/** A slot as stored (one shape for all): `x` = event time (ms) after which it is stale (Infinity: never). */
interface Stored {
  p: number;
  s: unknown;
  x: number;
}

export interface StoreCounters {
  evictions: number;
  expirations: number;
}

export interface EventClock {
  now(): number;
}

export class SlotStore {
  readonly #map = new Map<string, Stored>();
  /** Absence deadlines (ms) of the slots that have one (few): fireDue scans only these. */
  readonly deadlines = new Map<string, number>();
  /** The most recently used key: already last in the Map, so touching it again needs no re-insertion. */
  #last: string | undefined;

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly clock: EventClock,
    private readonly counters: StoreCounters,
  ) {}

  get size(): number {
    return this.#map.size;
  }

  /** Like lru-cache: a TTL starting at clock 0 never expires (the engine clock is 0 before the first event). */
  #stale(stored: Stored): boolean {
    return this.clock.now() > stored.x;
  }

  #touch(key: string, stored: Stored): void {
    if (this.#last === key) return;
    this.#map.delete(key);
    this.#map.set(key, stored);
    this.#last = key;
  }

  /** The slot, marked most recently used; undefined (and dropped, counted) when stale. */
  get(key: string): Readonly<Slot> | undefined {
    const stored = this.#map.get(key);
    if (stored === undefined) return undefined;
    if (this.#stale(stored)) {
      this.#remove(key);
      this.counters.expirations++;
      return undefined;
    }
    this.#touch(key, stored);
    return stored;
  }

  /** The slot without changing recency or dropping it; undefined when stale. */
  peek(key: string): Readonly<Slot> | undefined {
    const stored = this.#map.get(key);
    return stored === undefined || this.#stale(stored) ? undefined : stored;
  }

  /** Stores the slot as most recently used with a fresh TTL (`ttlMs` overrides the store's); evicts beyond max. */
  set(key: string, slot: Slot, ttlMs = this.ttlMs): void {
    this.put(key, slot.p, slot.s, slot.d, ttlMs);
  }

  /** set() without a Slot object: an existing entry is updated in place (the per-event path). */
  put(key: string, p: number, s: unknown, d: number | undefined, ttlMs = this.ttlMs): void {
    const now = this.clock.now();
    const x = now === 0 ? Number.POSITIVE_INFINITY : now + ttlMs;
    if (d === undefined) {
      if (this.deadlines.size > 0) this.deadlines.delete(key);
    } else this.deadlines.set(key, d);
    const existing = this.#map.get(key);
    if (existing !== undefined) {
      existing.p = p;
      existing.s = s;
      existing.x = x;
      this.#touch(key, existing);
      return;
    }
    while (this.#map.size >= this.max) {
      const oldest = this.#map.keys().next().value as string;
      this.#remove(oldest);
      this.counters.evictions++;
    }
    this.#map.set(key, { p, s, x });
    this.#last = key;
  }

  delete(key: string): void {
    if (this.#map.has(key)) this.#remove(key);
  }

  #remove(key: string): void {
    this.#map.delete(key);
    if (this.#last === key) this.#last = undefined;
    this.deadlines.delete(key);
  }

  /** Drops every stale slot (counted as expirations). */
  purgeStale(): void {
    for (const [key, stored] of this.#map) {
      if (this.#stale(stored)) {
        this.#remove(key);
        this.counters.expirations++;
      }
    }
  }

  /** Live slots, least recently used first (fresh plain objects: safe to serialise or keep). */
  *entries(): Generator<[string, Slot]> {
    for (const [key, stored] of this.#map) {
      if (this.#stale(stored)) continue;
      const slot: Slot = { p: stored.p, s: stored.s };
      const deadline = this.deadlines.get(key);
      if (deadline !== undefined) slot.d = deadline;
      yield [key, slot];
    }
  }

  /** Event time left before the slot expires (Infinity: never; 0: absent). */
  remainingTtl(key: string): number {
    const stored = this.#map.get(key);
    if (stored === undefined) return 0;
    return stored.x === Number.POSITIVE_INFINITY ? stored.x : stored.x - this.clock.now();
  }
}

export function createStore<V extends object>(
  max: number,
  ttlMs: number,
  clock: EventClock,
  counters: StoreCounters,
): LRUCache<string, V> {
  // maxSize with unit sizes bounds entries exactly like `max` but without preallocating arrays of `max`
  // slots per store (lru-cache allocates them eagerly for `max`).
  return new LRUCache<string, V>({
    maxSize: max,
    sizeCalculation: () => 1,
    ttl: ttlMs,
    perf: clock,
    // 0: read the event-time clock on every check; the default caches "now" for 1 ms of wall time with a
    // timer, which would make TTL decisions depend on machine speed (and costs a setTimeout per call).
    ttlResolution: 0,
    ttlAutopurge: false,
    updateAgeOnGet: false,
    dispose: (_value, _key, reason) => {
      if (reason === "evict") counters.evictions++;
      else if (reason === "expire") counters.expirations++;
    },
  });
}
