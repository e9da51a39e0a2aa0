// Per key: each distinct value with the last time it was seen, pruned to the window and capped at
// 2 x threshold values (the most recent), which is enough to decide "at least threshold distinct".
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import { type Burst, lastItems, stepBurst } from "../burst.ts";
import { type PackedEvent, packEvent } from "../evidence.ts";
import type { KindContext, StepResult } from "../types.ts";
import type { DistinctPlan } from "./compile.ts";

export interface DistinctState {
  /** [value, last seen] pairs ordered by last seen. */
  values: [string, number][];
  /** The last events (packed), evidence when a window opens. */
  sample: PackedEvent[];
  fired?: Burst;
}

export function keysOfDistinct(plan: DistinctPlan, event: CanonicalEvent): string[] {
  return plan.where(event) && plan.field(event).length > 0 ? plan.key(event) : [];
}

export function evaluateDistinct(
  plan: DistinctPlan,
  state: DistinctState | undefined,
  event: CanonicalEvent,
  key: string,
  ctx: KindContext,
): StepResult<DistinctState> {
  const t = ctx.time;
  const seen = new Set(plan.field(event).map(String));
  const kept = (state?.values ?? []).filter(([value, at]) => !seen.has(value) && t - at <= plan.windowMs);
  const values = lastItems([...kept, ...[...seen].map((v): [string, number] => [v, t])], plan.threshold * 2);
  const earlier = state?.sample ?? [];
  const sampleSize = Math.min(5, ctx.evidenceLimit);
  const step = stepBurst(state?.fired, {
    key,
    t,
    event,
    over: values.length >= plan.threshold,
    windowStart: Math.min(...values.map(([, at]) => at)),
    windowMs: plan.windowMs,
    earlier,
    sampleSize,
    openCount: values.length,
    detail: `${values.length} distinct ${plan.fieldName} within ${plan.windowMs / 1000}s`,
  });
  const next: DistinctState = { values, sample: lastItems([...earlier, packEvent(event)], sampleSize) };
  if (step.fired) next.fired = step.fired;
  return { state: next, hits: step.hit ? [step.hit] : [] };
}
