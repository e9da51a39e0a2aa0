// A host that is not (yet) suspicious but was reached by a session or connection (its key is among a hop's
// `to` identities): the carried path may still come, as a derived event from the partition that owns the
// previous host, and in scale-out it can arrive after this partition's watermark released the host's own
// actions. Like a windowed stream-stream join buffering both sides, the host keeps its recent hop and target
// events so that a carried path arriving late replays them (evaluate.ts). Only reached hosts keep anything:
// the many hosts that act (writes, sessions) without ever being reached cost no state.
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import { type PackedEvent, packEvent, unpackEvent } from "../evidence.ts";

/** Hop and target events kept per reached host (the latest). */
export const MAX_KEPT = 8;

export interface Waiting {
  /** Event time (ms) of the latest session or connection that reached the host. */
  reached: number;
  /** Its hop and target events since then (packed, event-time order), at most MAX_KEPT, the latest. */
  kept: PackedEvent[];
}

export function isWaiting(state: unknown): state is Waiting {
  return typeof state === "object" && state !== null && "reached" in state;
}

/** Marks the host reached at `t` (the latest reach counts: a path via an earlier one is older still). */
export function reach(waiting: Waiting | undefined, t: number): Waiting {
  if (!waiting) return { reached: t, kept: [] };
  return t > waiting.reached ? { reached: t, kept: waiting.kept } : waiting;
}

/** The waiting state after `t`, or undefined once max_age has passed since the latest reach (a path carried
 * through that reach could no longer reach a target at `t`: it started before the reach). */
export function stillWaiting(waiting: Waiting | undefined, t: number, maxAgeMs: number): Waiting | undefined {
  return waiting && t - waiting.reached <= maxAgeMs ? waiting : undefined;
}

/** Keeps one more event (released in event-time order, so appended), dropping the oldest beyond MAX_KEPT. */
export function keep(waiting: Waiting, event: CanonicalEvent): Waiting {
  const kept = waiting.kept.length < MAX_KEPT ? waiting.kept.slice() : waiting.kept.slice(1);
  kept.push(packEvent(event));
  return { reached: waiting.reached, kept };
}

/** The kept events the engine would have evaluated after a derived event at `t` had it arrived in time: the
 * later ones (at the same time input events come first, partition-clock.ts), in the engine's order (time,
 * then the event's JSON text). */
export function keptAfter(waiting: Waiting, t: number): CanonicalEvent[] {
  const after: { t: number; text: string; event: CanonicalEvent }[] = [];
  for (const packed of waiting.kept) {
    const event = unpackEvent(packed);
    const time = Date.parse(event["@timestamp"]);
    if (time <= t) continue;
    after.push({ t: time, text: typeof packed === "string" ? packed : JSON.stringify(packed), event });
  }
  after.sort((a, b) => a.t - b.t || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return after.map((a) => a.event);
}
