// Runs a small NFA per key over events in event-time order (the engine releases events sorted by event time
// once the watermark passes them, so arrival order within the allowed lateness does not matter).
// A run advances on the next step's event for the same key, within maxspan of its first step; each event
// advances at most one run (the oldest that accepts it) so one event cannot complete several duplicates.
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import { ANY_BINDINGS } from "../../language/condition.ts";
import type { Hit } from "../../shared/hit.ts";
import { sourceHop, viaOf } from "../../shared/path-hop.ts";
import { addKeys, bounded, type KindContext, type StepResult } from "../types.ts";
import type { SequencePlan } from "./compile.ts";

interface Run {
  /** Index of the next step to match. */
  next: number;
  start: number;
  last: number;
  vars: Record<string, string>;
  events: CanonicalEvent[];
  steps: string[];
}

export interface SequenceState {
  runs: Run[];
  /** Complete runs waiting for their absence window to close: fire at `deadline` unless cancelled. */
  pending: (Run & { deadline: number })[];
}

export function keysOfSequence(plan: SequencePlan, event: CanonicalEvent): string[] {
  let keys: Set<string> | undefined;
  for (const step of plan.steps) if (step.where(event, ANY_BINDINGS)) keys = addKeys(keys, step.key(event));
  if (plan.until?.where(event)) keys = addKeys(keys, plan.until.key(event));
  if (plan.absent?.where(event, ANY_BINDINGS)) keys = addKeys(keys, plan.absent.key(event));
  return keys ? [...keys] : [];
}

function toHit(run: Run, key: string, limit: number): Hit {
  const events = bounded(run.events, limit);
  return {
    key,
    windowStart: run.start,
    time: run.last,
    events,
    count: run.events.length,
    path: run.events.map((e, i) => sourceHop(e, `${run.steps[i]}:${viaOf(e)}`)),
  };
}

export function evaluateSequence(
  plan: SequencePlan,
  state: SequenceState | undefined,
  event: CanonicalEvent,
  key: string,
  ctx: KindContext,
): StepResult<SequenceState> {
  const t = ctx.time;
  let runs = (state?.runs ?? []).filter((r) => t - r.start <= plan.maxspanMs);
  let pending = state?.pending ?? [];
  const hits: Hit[] = [];
  if (plan.until?.where(event) && plan.until.key(event).includes(key)) runs = [];
  const absent = plan.absent;
  if (absent?.key(event).includes(key)) {
    pending = pending.filter((p) => !(t >= p.last && t <= p.deadline && absent.where(event, p.vars)));
  }
  let consumed = false;
  const advanced: Run[] = [];
  for (const run of runs) {
    const step = plan.steps[run.next]!;
    if (!consumed && t >= run.last && step.where(event, run.vars) && step.key(event).includes(key)) {
      consumed = true;
      advanced.push(extend(run, plan, event, t));
    } else {
      advanced.push(run);
    }
  }
  if (!consumed) {
    const first = plan.steps[0]!;
    if (first.where(event, {}) && first.key(event).includes(key)) {
      const fresh: Run = { next: 0, start: t, last: t, vars: {}, events: [], steps: [] };
      advanced.push(extend(fresh, plan, event, t));
    }
  }
  runs = [];
  for (const run of advanced) {
    if (run.next < plan.steps.length) runs.push(run);
    else if (plan.absent) pending = [...pending, { ...run, deadline: run.last + plan.absent.withinMs }];
    else hits.push(toHit(run, key, ctx.evidenceLimit));
  }
  if (runs.length > plan.maxRuns) runs = runs.slice(runs.length - plan.maxRuns);
  // Complete runs awaiting absence are bounded too (4 x max_runs, oldest dropped) so a logon storm cannot
  // grow one key's state without limit.
  if (pending.length > plan.maxRuns * 4) pending = pending.slice(pending.length - plan.maxRuns * 4);
  return finish(runs, pending, hits);
}

function extend(run: Run, plan: SequencePlan, event: CanonicalEvent, t: number): Run {
  const step = plan.steps[run.next]!;
  const vars = { ...run.vars };
  for (const [name, get] of step.bind) {
    const value = get(event)[0];
    if (value !== undefined) vars[name] = String(value);
  }
  return {
    next: run.next + 1,
    start: run.start,
    last: t,
    vars,
    events: [...run.events, event],
    steps: [...run.steps, step.name],
  };
}

function finish(runs: Run[], pending: SequenceState["pending"], hits: Hit[]): StepResult<SequenceState> {
  if (runs.length === 0 && pending.length === 0) return { state: undefined, hits };
  const result: StepResult<SequenceState> = { state: { runs, pending }, hits };
  if (pending.length > 0) result.deadline = Math.min(...pending.map((p) => p.deadline));
  return result;
}

/** Fires complete runs whose absence window the watermark has closed without the absent event. */
export function closeSequence(
  plan: SequencePlan,
  state: SequenceState,
  key: string,
  ctx: KindContext,
): StepResult<SequenceState> {
  const hits: Hit[] = [];
  const pending = state.pending.filter((p) => {
    if (p.deadline > ctx.watermark) return true;
    hits.push(toHit(p, key, ctx.evidenceLimit));
    return false;
  });
  const runs = state.runs.filter((r) => ctx.watermark - r.start <= plan.maxspanMs);
  return finish(runs, pending, hits);
}
