// Firing logic shared by the windowed aggregate kinds (threshold, distinct, risk): the first time the
// aggregate crosses its bound a hit opens a window; while further matching events keep arriving within the
// window length of the previous one, they are updates of the same window (same incident id), not new hits.
// The window closes when the aggregate falls below the bound again.
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { Hit } from "../shared/hit.ts";
import { type PackedEvent, unpackEvent } from "./evidence.ts";

export interface Burst {
  start: number;
  last: number;
}

export interface BurstInput {
  key: string;
  t: number;
  event: CanonicalEvent;
  /** Aggregate is at or above the bound now. */
  over: boolean;
  /** Start of the current window of counted events (earliest event still inside it). */
  windowStart: number;
  windowMs: number;
  /** Events accumulated before this one (packed, oldest first); the opening hit's evidence is the last
   * `sampleSize - 1` of them followed by `event`. */
  earlier: readonly PackedEvent[];
  sampleSize: number;
  /** Events counted when opening. */
  openCount: number;
  detail: string;
}

export function stepBurst(fired: Burst | undefined, input: BurstInput): { fired: Burst | undefined; hit?: Hit } {
  const { key, t, event, over } = input;
  if (fired && over && t - fired.last <= input.windowMs) {
    return {
      // max: a contribution routed from another partition may arrive after later ones (risk signals).
      fired: { start: fired.start, last: Math.max(fired.last, t) },
      hit: { key, windowStart: fired.start, time: t, events: [event], count: 1, detail: input.detail },
    };
  }
  if (!over) return { fired: undefined };
  const start = input.windowStart;
  const events = lastItems(input.earlier, input.sampleSize - 1).map(unpackEvent);
  events.push(event);
  return {
    fired: { start, last: t },
    hit: { key, windowStart: start, time: t, events, count: input.openCount, detail: input.detail },
  };
}

/** Keeps the most recent `limit` items. */
export function lastItems<T>(items: readonly T[], limit: number): T[] {
  return items.length <= limit ? [...items] : items.slice(items.length - limit);
}
