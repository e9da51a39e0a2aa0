// Per entity: the contributions inside the window (bounded list). Score = sum over contributions of
// min(cap, that contribution's total); tactics = distinct ATT&CK tactic ids across Enterprise and ICS.
import { lookupTechnique } from "../../../mappings/attack/catalog.ts";
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import { type Burst, lastItems, stepBurst } from "../burst.ts";
import { eventTime, type KindContext, type StepResult } from "../types.ts";
import type { RiskContributionPlan, RiskPlan } from "./compile.ts";

export interface RiskState {
  /** [time, contribution index, score, tactic ids, cap group]. */
  items: [number, number, number, string[], string][];
  sample: CanonicalEvent[];
  fired?: Burst;
}

const MAX_ITEMS = 128;

export function keysOfRisk(plan: RiskPlan, event: CanonicalEvent): string[] {
  const keys = new Set<string>();
  for (const c of plan.contributions) if (c.where(event)) for (const k of c.key(event)) keys.add(k);
  return [...keys];
}

function tacticsOf(c: RiskContributionPlan, event: CanonicalEvent): string[] {
  if (c.tactics) return c.tactics;
  const ids = new Set<string>();
  for (const id of event.threat?.technique?.id ?? []) for (const t of lookupTechnique(id)?.tactics ?? []) ids.add(t.id);
  return [...ids];
}

export function evaluateRisk(
  plan: RiskPlan,
  state: RiskState | undefined,
  event: CanonicalEvent,
  key: string,
  ctx: KindContext,
): StepResult<RiskState> {
  const t = eventTime(event);
  const index = plan.contributions.findIndex((c) => c.where(event) && c.key(event).includes(key));
  if (index < 0) return { state, hits: [] };
  const c = plan.contributions[index]!;
  const raw = c.scoreField ? Number(c.scoreField(event)[0] ?? c.score) : c.score;
  const score = Number.isFinite(raw) ? Math.max(0, Math.min(100, raw)) : c.score;
  const items = lastItems(
    [
      ...(state?.items ?? []).filter(([at]) => t - at <= plan.windowMs),
      [
        t,
        index,
        score,
        tacticsOf(c, event),
        c.capBy ? String(c.capBy(event)[0] ?? "") : "",
      ] as RiskState["items"][number],
    ],
    MAX_ITEMS,
  );
  const perGroup = new Map<string, [number, number]>();
  const tactics = new Set<string>();
  for (const [, i, s, ts, group] of items) {
    const id = `${i}\u0000${group}`;
    perGroup.set(id, [i, (perGroup.get(id)?.[1] ?? 0) + s]);
    for (const tactic of ts) tactics.add(tactic);
  }
  let total = 0;
  for (const [i, sum] of perGroup.values()) total += Math.min(plan.contributions[i]!.cap, sum);
  const over = total >= plan.scoreThreshold || tactics.size >= plan.distinctTactics;
  const step = stepBurst(state?.fired, {
    key,
    t,
    event,
    over,
    windowStart: items[0]![0],
    windowMs: plan.windowMs,
    sample: lastItems([...(state?.sample ?? []), event], Math.min(5, ctx.evidenceLimit)),
    openCount: items.length,
    detail: `risk ${Math.round(total)} across ${tactics.size} tactics (${[...tactics].sort().join(", ")})`,
  });
  const next: RiskState = {
    items,
    sample: lastItems([...(state?.sample ?? []), event], Math.min(5, ctx.evidenceLimit)),
  };
  if (step.fired) next.fired = step.fired;
  return { state: next, hits: step.hit ? [step.hit] : [] };
}
