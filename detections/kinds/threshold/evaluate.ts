// Keeps only the last `threshold` event times per key: the count within the window reaches the threshold
// exactly when the oldest of them is still inside the window, so state is O(threshold), not O(events).
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import { type Burst, lastItems, stepBurst } from "../burst.ts";
import { eventTime, type KindContext, type StepResult } from "../types.ts";
import type { ThresholdPlan } from "./compile.ts";

export interface ThresholdState {
  times: number[];
  sample: CanonicalEvent[];
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
  const t = eventTime(event);
  const times = lastItems([...(state?.times ?? []), t], plan.threshold).filter((x) => t - x <= plan.windowMs);
  const sample = lastItems([...(state?.sample ?? []), event], Math.min(SAMPLE, ctx.evidenceLimit));
  const over = times.length >= plan.threshold;
  const step = stepBurst(state?.fired, {
    key,
    t,
    event,
    over,
    windowStart: times[0]!,
    windowMs: plan.windowMs,
    sample,
    openCount: plan.threshold,
    detail: `${times.length}+ events within ${plan.windowMs / 1000}s`,
  });
  const next: ThresholdState = { times, sample };
  if (step.fired) next.fired = step.fired;
  return { state: next, hits: step.hit ? [step.hit] : [] };
}
