// Per entity: the contributions inside the window (bounded list). Score = sum over contributions of
// min(cap, that contribution's total); tactics = distinct ATT&CK tactic ids across Enterprise and ICS.
import { lookupTechnique } from "../../../mappings/attack/catalog.ts";
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import { type Burst, lastItems, stepBurst } from "../burst.ts";
import { type PackedEvent, packEvent, unpackEvent } from "../evidence.ts";
import { addKeys, type KindContext, type StepResult } from "../types.ts";
import type { RiskContributionPlan, RiskPlan } from "./compile.ts";

/** One contribution: [time, contribution index, score, tactic ids, cap group]. */
type Item = [number, number, number, string[], string];

export interface RiskState {
  /** Contributions inside the window, oldest first, flattened: the 5 values of each Item in a row (one array
   * per entity instead of one per contribution). State from version 1 snapshots holds Item tuples. */
  items: (number | string | string[])[] | Item[];
  /** The last events (packed), evidence when an escalation opens. */
  sample: PackedEvent[];
  fired?: Burst;
}

const MAX_ITEMS = 128;
const STRIDE = 5;

/** The contributions of a state, as tuples (reads both the flat layout and version 1 tuples). */
function itemsOf(state: RiskState | undefined): Item[] {
  const items = state?.items ?? [];
  if (items.length === 0 || Array.isArray(items[0])) return items as Item[];
  const flat = items as (number | string | string[])[];
  const out: Item[] = [];
  for (let i = 0; i < flat.length; i += STRIDE) out.push(flat.slice(i, i + STRIDE) as Item);
  return out;
}

export function keysOfRisk(plan: RiskPlan, event: CanonicalEvent): string[] {
  let keys: Set<string> | undefined;
  for (const c of plan.contributions) if (c.where(event)) keys = addKeys(keys, c.key(event));
  return keys ? [...keys] : [];
}

function tacticsOf(c: RiskContributionPlan, event: CanonicalEvent): string[] {
  if (c.tactics) return c.tactics;
  const ids = new Set<string>();
  for (const id of event.threat?.technique?.id ?? []) for (const t of lookupTechnique(id)?.tactics ?? []) ids.add(t.id);
  return [...ids];
}

/** Exactly sized (a pushed-to array keeps up to 16 spare slots: at a million entities that is megabytes). */
function flatten(items: readonly Item[]): (number | string | string[])[] {
  const flat = new Array<number | string | string[]>(items.length * STRIDE);
  for (let i = 0; i < items.length; i++) for (let j = 0; j < STRIDE; j++) flat[i * STRIDE + j] = items[i]![j]!;
  return flat;
}

/** Inserts after every item at or before `item`'s time (equal times keep arrival order: same event time). */
function insertByTime(items: Item[], item: Item): Item[] {
  let i = items.length;
  while (i > 0 && items[i - 1]![0] > item[0]) i--;
  return [...items.slice(0, i), item, ...items.slice(i)];
}

const PREFIX = '{"@timestamp":"';

/** A packed event's time, read from the text when it starts with it (canonical events do): no parse. */
function timeOf(packed: PackedEvent): number {
  if (typeof packed === "string" && packed.startsWith(PREFIX)) {
    return Date.parse(packed.slice(PREFIX.length, packed.indexOf('"', PREFIX.length)));
  }
  return Date.parse(unpackEvent(packed)["@timestamp"]);
}

/** The sample in event-time order too (evidence must not depend on arrival order). */
function insertSample(sample: readonly PackedEvent[], event: PackedEvent, t: number): PackedEvent[] {
  let i = sample.length;
  while (i > 0 && timeOf(sample[i - 1]!) > t) i--;
  return [...sample.slice(0, i), event, ...sample.slice(i)];
}

export function evaluateRisk(
  plan: RiskPlan,
  state: RiskState | undefined,
  event: CanonicalEvent,
  key: string,
  ctx: KindContext,
): StepResult<RiskState> {
  const t = ctx.time;
  const index = plan.contributions.findIndex((c) => c.where(event) && c.key(event).includes(key));
  if (index < 0) return { state, hits: [] };
  // The same event again (at-least-once redelivery of a routed signal after a restore) credits nothing.
  const packed = packEvent(event);
  if (state?.sample.some((e) => e === packed)) return { state, hits: [] };
  const c = plan.contributions[index]!;
  const raw = c.scoreField ? Number(c.scoreField(event)[0] ?? c.score) : c.score;
  const score = Number.isFinite(raw) ? Math.max(0, Math.min(100, raw)) : c.score;
  // Contributions are kept in event-time order and the window ends at the latest contribution, so the
  // window and the escalation depend only on contribution times, not on when they arrive: a signal routed
  // from another partition may arrive after later contributions. One outside the window adds nothing.
  const all = insertByTime(itemsOf(state), [
    t,
    index,
    score,
    tacticsOf(c, event),
    c.capBy ? String(c.capBy(event)[0] ?? "") : "",
  ]);
  const end = all[all.length - 1]![0];
  if (end - t > plan.windowMs) return { state, hits: [] };
  const items = lastItems(
    all.filter(([at]) => end - at <= plan.windowMs),
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
  const sampleSize = Math.min(5, ctx.evidenceLimit);
  const sample = lastItems(insertSample(state?.sample ?? [], packed, t), sampleSize);
  const over = total >= plan.scoreThreshold || tactics.size >= plan.distinctTactics;
  // The hit is at the window's end with the latest sampled events as evidence, whichever contribution
  // arrived last (in event-time order these are the current event and its time).
  const latest = end === t ? event : unpackEvent(sample[sample.length - 1]!);
  const step = stepBurst(state?.fired, {
    key,
    t: end,
    event: latest,
    over,
    windowStart: items[0]![0],
    windowMs: plan.windowMs,
    earlier: sample.slice(0, -1),
    sampleSize,
    openCount: items.length,
    detail: `risk ${Math.round(total)} across ${tactics.size} tactics (${[...tactics].sort().join(", ")})`,
  });
  const next: RiskState = { items: flatten(items), sample };
  if (step.fired) next.fired = step.fired;
  return { state: next, hits: step.hit ? [step.hit] : [] };
}
