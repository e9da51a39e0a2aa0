// Derived events in event-time order. A derived event (path hop, detection signal) carries the time of the
// event that produced it, which the watermark has just released; the next events of the same batch (later
// event times) must not be evaluated before it, or a hop released together with the destination's next
// action (a long allowed lateness, a flush) arrives after that action and the path is lost.
// - Single-process mode: the engine applies each derived event itself, merged into the released batch.
// - Keyed mode: the runtime routes derived events and feeds them back, after the whole call returns. The
//   engine therefore applies at once, in order, the copies addressed to keys it owns (keys it has been given
//   events for), and remembers them so the copy the runtime routes back is recognised and dropped. Copies for
//   keys it does not own (another partition's) enter that owner's buffer at their event time when they arrive.
import { createHash } from "node:crypto";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { type Buffered, insert, type PartitionClock } from "./partition-clock.ts";

/** Bounds of the ownership and applied-copy memories (insertion order; the oldest are forgotten first). */
const MAX_OWNED_KEYS = 1_000_000;
const MAX_APPLIED = 100_000;

export class LocalDerived {
  private readonly owned = new Set<string>();
  private readonly applied = new Map<string, number>();

  /** Records that the runtime routes `key` to this engine (it owns the key's state). */
  own(key: string): void {
    if (this.owned.has(key)) return;
    this.owned.add(key);
    if (this.owned.size > MAX_OWNED_KEYS) this.owned.delete(this.owned.values().next().value!);
  }

  owns(key: string): boolean {
    return this.owned.has(key);
  }

  /** Queues a derived copy applied here; false for an exact duplicate already queued. */
  queue(pending: PartitionClock, item: Buffered & { key: string }): boolean {
    if (!insert(pending, item)) return false;
    const id = copyId(item.event, item.key);
    this.applied.set(id, (this.applied.get(id) ?? 0) + 1);
    if (this.applied.size > MAX_APPLIED) this.applied.delete(this.applied.keys().next().value!);
    return true;
  }

  /** True (and forgotten) when this copy routed back by the runtime was already applied here. */
  takeApplied(event: CanonicalEvent, key: string): boolean {
    const id = copyId(event, key);
    const n = this.applied.get(id);
    if (n === undefined) return false;
    if (n <= 1) this.applied.delete(id);
    else this.applied.set(id, n - 1);
    return true;
  }

  forget(): void {
    this.owned.clear();
    this.applied.clear();
  }
}

/** A digest, not the text: copies dropped by the runtime (generation bound) are never taken back. */
function copyId(event: CanonicalEvent, key: string): string {
  return createHash("sha1").update(key).update("\u0000").update(JSON.stringify(event)).digest("base64");
}
