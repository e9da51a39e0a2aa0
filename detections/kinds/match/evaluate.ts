// Stateless: every matching event is a hit in its own window; suppression (shared) merges repeats.
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import type { KindContext, StepResult } from "../types.ts";
import type { MatchPlan } from "./compile.ts";

export function keysOfMatch(plan: MatchPlan, event: CanonicalEvent): string[] {
  return plan.where(event) ? plan.key(event) : [];
}

export function evaluateMatch(
  _plan: MatchPlan,
  _state: undefined,
  event: CanonicalEvent,
  key: string,
  ctx: KindContext,
): StepResult<undefined> {
  const t = ctx.time;
  return { state: undefined, hits: [{ key, windowStart: t, time: t, events: [event], count: 1 }] };
}
