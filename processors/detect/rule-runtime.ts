// One rule's live state in the engine: bounded key slots (kind state), open incidents (suppression),
// absence deadlines, learning starts per partition, and counters. Evaluation of one event for one rule.
import type { LRUCache } from "lru-cache";
import { derivedRuleOf } from "../../detections/kinds/path/derived.ts";
import type { KindContext, StepResult } from "../../detections/kinds/types.ts";
import type { CompiledRule } from "../../detections/language/compile-rule.ts";
import type { Incident } from "../../detections/shared/incident.ts";
import { applyHit, type OpenIncident } from "../../detections/shared/incident-builder.ts";
import { isSignal, makeSignal } from "../../detections/shared/signal.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { compileFilter, type FieldValues, passes, type RuleFilter } from "./prefilter.ts";
import { createStore, type EventClock, SlotStore, type StoreCounters } from "./state-store.ts";

export interface RuleCounters extends StoreCounters {
  /** Events the rule could not evaluate (exception inside the kind), skipped. */
  errors: number;
  lastError?: string;
  hits: number;
  incidentsOpened: number;
  incidentsUpdated: number;
}

export interface RuleRuntime {
  rule: CompiledRule;
  slots: SlotStore;
  open: LRUCache<string, OpenIncident>;
  started: Map<number, number>;
  counters: RuleCounters;
  /** Field-value pre-filter (prefilter.ts) over the engine's shared per-event field reader. */
  filter: RuleFilter;
  fields: FieldValues;
  /** Open incidents closed early because the open-incident bound was reached. */
  incidentCounters: StoreCounters;
}

export interface Sink {
  /** Created on the first hit (most calls have none). */
  incidents: Map<string, Incident> | undefined;
  derived: CanonicalEvent[];
  /** Emit a detection signal (derived event for risk rules) when an incident opens. */
  signals: boolean;
}

export function createRuleRuntime(
  rule: CompiledRule,
  bounds: { maxEntriesPerRule: number; ttlMs: number; maxOpenIncidents: number },
  clock: EventClock,
  fields: FieldValues,
): RuleRuntime {
  const counters: RuleCounters = {
    evictions: 0,
    expirations: 0,
    errors: 0,
    hits: 0,
    incidentsOpened: 0,
    incidentsUpdated: 0,
  };
  const slots = new SlotStore(bounds.maxEntriesPerRule, bounds.ttlMs, clock, counters);
  const incidentCounters = { evictions: 0, expirations: 0 };
  const open = createStore<OpenIncident>(bounds.maxOpenIncidents, Number.MAX_SAFE_INTEGER, clock, incidentCounters);
  return {
    rule,
    slots,
    open,
    filter: compileFilter(rule.params, fields),
    fields,
    started: new Map(),
    counters,
    incidentCounters,
  };
}

/** The keys under which this rule keeps state for the event (after exceptions); [] when it ignores it. */
export function ruleKeys(rule: CompiledRule, event: CanonicalEvent): string[] {
  const addressedTo = derivedRuleOf(event);
  if (addressedTo !== undefined && addressedTo !== rule.id) return [];
  if (isSignal(event) && rule.common.kind !== "risk") return [];
  if (addressedTo === undefined) {
    const fields = event as unknown as Record<string, unknown>;
    for (const field of rule.guard) if (fields[field] === undefined) return [];
  }
  if (rule.excluded(event)) return [];
  return rule.kind.keysOf(rule.plan, event, rule.id);
}

function context(rt: RuleRuntime, partition: number, watermark: number, t: number): KindContext {
  let started = rt.started.get(partition);
  if (started === undefined) {
    started = t;
    rt.started.set(partition, t);
  }
  return {
    ruleId: rt.rule.id,
    partition,
    watermark,
    ruleStartedAt: started,
    evidenceLimit: rt.rule.common.evidence_limit,
    time: t,
  };
}

function apply(rt: RuleRuntime, key: string, partition: number, result: StepResult<unknown>, sink: Sink): void {
  if (result.state === undefined) {
    rt.slots.delete(key);
  } else {
    rt.slots.put(key, partition, result.state, result.deadline);
  }
  for (const hit of result.hits) {
    rt.counters.hits++;
    const { incident, opened } = applyHit(rt.rule, hit, rt.open, partition);
    if (opened) rt.counters.incidentsOpened++;
    else rt.counters.incidentsUpdated++;
    if (opened && sink.signals && rt.rule.common.kind !== "risk") {
      const signal = makeSignal(rt.rule, incident);
      if (signal) sink.derived.push(signal);
    }
    sink.incidents ??= new Map();
    sink.incidents.set(incident.id, incident);
  }
  if (result.derived) sink.derived.push(...result.derived);
}

/** Evaluates one released event for one rule, under every key (or only `onlyKey` in scale-out mode). */
export function evaluateRule(
  rt: RuleRuntime,
  event: CanonicalEvent,
  t: number,
  partition: number,
  watermark: number,
  onlyKey: string | undefined,
  sink: Sink,
): void {
  // A rule that throws (a bug, or a forged derived event) is counted and skipped for this event:
  // one bad record or rule never stops a partition (STYLE.md 9).
  try {
    if (derivedRuleOf(event) === undefined && !passes(rt.filter, rt.fields, event)) return;
    let keys = ruleKeys(rt.rule, event);
    if (keys.length === 0) return;
    if (onlyKey !== undefined) keys = keys.includes(onlyKey) ? [onlyKey] : [];
    const ctx = context(rt, partition, watermark, t);
    for (const key of keys) {
      const slot = rt.slots.get(key);
      const result = rt.rule.kind.evaluate(rt.rule.plan, slot?.s, event, key, ctx);
      apply(rt, key, partition, result, sink);
    }
  } catch (error) {
    rt.counters.errors++;
    rt.counters.lastError = error instanceof Error ? error.message : String(error);
  }
}

/** Runs onWatermark for this partition's keys whose deadline is at or before `limit`. */
export function fireDue(rt: RuleRuntime, partition: number, limit: number, sink: Sink): void {
  const deadlines = rt.slots.deadlines;
  if (deadlines.size === 0 || !rt.rule.kind.onWatermark) return;
  const due = [...deadlines].filter(([, d]) => d <= limit).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  for (const [key] of due) {
    const slot = rt.slots.peek(key);
    if (!slot) {
      deadlines.delete(key);
      continue;
    }
    if (slot.p !== partition) continue;
    const ctx = context(rt, partition, limit, limit);
    apply(rt, key, partition, rt.rule.kind.onWatermark(rt.rule.plan, slot.s, key, ctx), sink);
  }
}
