// Per host key: the path by which the host became suspicious (origin, start time, hops, evidence).
// start -> the host is the origin; hop from a suspicious host -> derived events keyed by the next host's
// identities; a derived event arriving at a key adopts the longer path; target from a suspicious host with
// enough hops -> hit keyed by the origin with window start = origin time (one incident per pivot).
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import type { Hit } from "../../shared/hit.ts";
import { destinationHop, sourceHop, viaOf } from "../../shared/path-hop.ts";
import { addKeys, bounded, type KindContext, type StepResult } from "../types.ts";
import type { PathPlan } from "./compile.ts";
import { type CarriedPath, isDerivedFor, LABEL_KEY, makeDerived, readCarried } from "./derived.ts";

export type PathState = CarriedPath;

export function keysOfPath(plan: PathPlan, event: CanonicalEvent, ruleId: string): string[] {
  if (isDerivedFor(ruleId, event)) return [event.labels![LABEL_KEY]!];
  let keys: Set<string> | undefined;
  if (plan.start.where(event)) keys = addKeys(keys, plan.start.key(event));
  if (plan.hop.where(event)) keys = addKeys(keys, plan.hop.from(event));
  if (plan.target.where(event)) keys = addKeys(keys, plan.target.from(event));
  return keys ? [...keys] : [];
}

export function evaluatePath(
  plan: PathPlan,
  state: PathState | undefined,
  event: CanonicalEvent,
  key: string,
  ctx: KindContext,
): StepResult<PathState> {
  const t = ctx.time;
  let current = state && t - state.since <= plan.maxAgeMs ? state : undefined;
  if (isDerivedFor(ctx.ruleId, event)) {
    const carried = readCarried(event);
    const better = !current || carried.path.length > current.path.length;
    return { state: better && t - carried.since <= plan.maxAgeMs ? carried : current, hits: [] };
  }
  const hits: Hit[] = [];
  const derived: CanonicalEvent[] = [];
  if (!current && plan.start.where(event) && plan.start.key(event).includes(key)) {
    current = { origin: key, since: t, path: [sourceHop(event, viaOf(event))], evidence: [event] };
  }
  if (!current) return { state: undefined, hits };
  const hops = current.path.length - 1;
  if (plan.target.where(event) && plan.target.from(event).includes(key) && hops >= plan.minHops) {
    hits.push({
      key: current.origin,
      windowStart: current.since,
      time: t,
      events: bounded([...current.evidence, event], ctx.evidenceLimit),
      count: 1,
      path: [...current.path, destinationHop(event, viaOf(event))],
      detail: `${hops} hop(s): ${[...current.path, destinationHop(event, viaOf(event))].map((h) => h.host.name ?? h.host.id ?? h.host.ip ?? "?").join(" -> ")}`,
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
