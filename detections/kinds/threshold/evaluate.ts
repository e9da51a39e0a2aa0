// Keeps only the last `threshold` event times per key: the count within the window reaches the threshold
// exactly when the oldest of them is still inside the window, so state is O(threshold), not O(events).
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import { type Burst, lastItems, stepBurst } from "../burst.ts";
import { type PackedEvent, packEvent } from "../evidence.ts";
import type { KindContext, StepResult } from "../types.ts";
import type { ThresholdPlan } from "./compile.ts";

export interface ThresholdState {
  times: number[];
  /** The last events that may still open a window (packed); absent when none can. */
  sample?: PackedEvent[];
  fired?: Burst;
}

const SAMPLE = 3;

export function keysOfThreshold(plan: ThresholdPlan, event: CanonicalEvent): string[] {
  return plan.where(event) ? plan.key(event) : [];
}

export function evaluateThreshold(
  plan: ThresholdPlan,
  state: ThresholdState | undefined,
  event: CanonicalEvent,
  key: string,
  ctx: KindContext,
): StepResult<ThresholdState> {
  const t = ctx.time;
  const previous = state?.times;
  const times =
    previous === undefined ? [t] : lastItems([...previous, t], plan.threshold).filter((x) => t - x <= plan.windowMs);
  const earlier = state?.sample ?? [];
  const sampleSize = Math.min(SAMPLE, ctx.evidenceLimit);
  const over = times.length >= plan.threshold;
  const step = stepBurst(state?.fired, {
    key,
    t,
    event,
    over,
    windowStart: times[0]!,
    windowMs: plan.windowMs,
    earlier,
    sampleSize,
    openCount: plan.threshold,
    detail: `${times.length}+ events within ${plan.windowMs / 1000}s`,
  });
  const next: ThresholdState = { times };
  // The count grows by at most one per event, so an event with fewer than threshold - (sampleSize - 1) times
  // in the window cannot be among the last sampleSize events when the count reaches the threshold, and
  // neither can any event before it: such events are not kept (most keys never get near the threshold).
  if (times.length + sampleSize - 1 >= plan.threshold)
    next.sample = lastItems([...earlier, packEvent(event)], sampleSize);
  if (step.fired) next.fired = step.fired;
  return { state: next, hits: step.hit ? [step.hit] : [] };
}
