// Per host key: the path by which the host became suspicious (origin, start time, hops, evidence).
// start -> the host is the origin; hop from a suspicious host -> derived events keyed by the next host's
// identities; a derived event arriving at a key adopts the longer path; target from a suspicious host with
// enough hops -> hit keyed by the origin with window start = origin time (one incident per pivot).
// A hop is also evaluated under the next host's keys: a host reached by a session waits for its carried
// path and keeps its own hops and targets meanwhile (waiting.ts); a carried path arriving after them (another
// partition's derived event, behind this partition's watermark) replays them as if it had come in time.
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import type { Hit } from "../../shared/hit.ts";
import { destinationHop, sourceHop, viaOf } from "../../shared/path-hop.ts";
import { addKeys, bounded, type KindContext, type StepResult } from "../types.ts";
import type { PathPlan } from "./compile.ts";
import { type CarriedPath, isDerivedFor, LABEL_KEY, makeDerived, readCarried } from "./derived.ts";
import { isWaiting, keep, keptAfter, reach, stillWaiting, type Waiting } from "./waiting.ts";

const NONE: readonly string[] = [];

/** A suspicious host (the only state earlier versions kept: their snapshots restore as they are), or a reached
 * host waiting for its carried path. */
export type PathState = CarriedPath | Waiting;

export function keysOfPath(plan: PathPlan, event: CanonicalEvent, ruleId: string): string[] {
  if (isDerivedFor(ruleId, event)) return [event.labels![LABEL_KEY]!];
  let keys: Set<string> | undefined;
  if (plan.start.where(event)) keys = addKeys(keys, plan.start.key(event));
  if (plan.hop.where(event)) {
    const from = plan.hop.from(event);
    // Without an acting host no path is carried on, so the next host has nothing to wait for.
    if (from.length > 0) keys = addKeys(addKeys(keys, from), reachedKeys(plan, event, from));
  }
  if (plan.target.where(event)) keys = addKeys(keys, plan.target.from(event));
  return keys ? [...keys] : [];
}

/** The next host's identities of a hop event (where its carried path goes), without the acting host's. */
function reachedKeys(plan: PathPlan, event: CanonicalEvent, from: readonly string[]): string[] {
  const out: string[] = [];
  for (const get of plan.hop.to) {
    for (const value of get(event)) {
      const key = String(value);
      if (!from.includes(key) && !out.includes(key)) out.push(key);
    }
  }
  return out;
}

export function evaluatePath(
  plan: PathPlan,
  state: PathState | undefined,
  event: CanonicalEvent,
  key: string,
  ctx: KindContext,
): StepResult<PathState> {
  if (isDerivedFor(ctx.ruleId, event)) return adopt(plan, state, event, key, ctx);
  return step(plan, state, event, key, ctx.time, ctx);
}

function suspicious(plan: PathPlan, state: PathState | undefined, t: number): CarriedPath | undefined {
  return state && !isWaiting(state) && t - state.since <= plan.maxAgeMs ? state : undefined;
}

/** A derived event: adopt its path when longer; a waiting host replays what it kept after the path's hop. */
function adopt(
  plan: PathPlan,
  state: PathState | undefined,
  event: CanonicalEvent,
  key: string,
  ctx: KindContext,
): StepResult<PathState> {
  const t = ctx.time;
  const current = suspicious(plan, state, t);
  const waiting = isWaiting(state) ? state : undefined;
  const carried = readCarried(event);
  const better = !current || carried.path.length > current.path.length;
  if (!better || t - carried.since > plan.maxAgeMs) return { state: current ?? waiting, hits: [] };
  if (!waiting) return { state: carried, hits: [] };
  let next: PathState | undefined = carried;
  const hits: Hit[] = [];
  const derived: CanonicalEvent[] = [];
  for (const kept of keptAfter(waiting, t)) {
    const result = step(plan, next, kept, key, Date.parse(kept["@timestamp"]), ctx);
    next = result.state;
    hits.push(...result.hits);
    if (result.derived) derived.push(...result.derived);
  }
  return { state: next, hits, derived };
}

/** An ordinary event at `t` (released in event-time order, or replayed from a waiting host's kept events). */
function step(
  plan: PathPlan,
  state: PathState | undefined,
  event: CanonicalEvent,
  key: string,
  t: number,
  ctx: KindContext,
): StepResult<PathState> {
  let current = suspicious(plan, state, t);
  const hits: Hit[] = [];
  if (!current && plan.start.where(event) && plan.start.key(event).includes(key)) {
    current = { origin: key, since: t, path: [sourceHop(event, viaOf(event))], evidence: [event] };
  }
  if (!current) return { state: wait(plan, isWaiting(state) ? state : undefined, event, key, t), hits };
  const hops = current.path.length - 1;
  const derived: CanonicalEvent[] = [];
  if (plan.target.where(event) && plan.target.from(event).includes(key) && hops >= plan.minHops) {
    const path = [...current.path, destinationHop(event, viaOf(event))];
    hits.push({
      key: current.origin,
      windowStart: current.since,
      time: t,
      events: bounded([...current.evidence, event], ctx.evidenceLimit),
      count: 1,
      path,
      detail: `${hops} hop(s): ${path.map((h) => h.host.name ?? h.host.id ?? h.host.ip ?? "?").join(" -> ")}`,
    });
  } else if (plan.hop.where(event) && plan.hop.from(event).includes(key) && hops < plan.maxHops) {
    const carried: CarriedPath = {
      origin: current.origin,
      since: current.since,
      path: [...current.path, destinationHop(event, viaOf(event))],
      evidence: bounded([...current.evidence, event], ctx.evidenceLimit),
    };
    const targets = new Set(plan.hop.to.flatMap((get) => get(event).map(String)));
    for (const next of targets) if (next !== key) derived.push(makeDerived(ctx.ruleId, next, event, carried));
  }
  return { state: current, hits, derived };
}

/** A host that is not suspicious: reached by this hop, or keeping its own hop or target while reached. */
function wait(
  plan: PathPlan,
  waiting: Waiting | undefined,
  event: CanonicalEvent,
  key: string,
  t: number,
): Waiting | undefined {
  let next = stillWaiting(waiting, t, plan.maxAgeMs);
  const from = plan.hop.where(event) ? plan.hop.from(event) : NONE;
  if (from.length > 0 && !from.includes(key) && reachedKeys(plan, event, from).includes(key)) next = reach(next, t);
  if (!next) return undefined;
  const acts = from.includes(key) || (plan.target.where(event) && plan.target.from(event).includes(key));
  return acts ? keep(next, event) : next;
}
