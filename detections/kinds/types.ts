// The contract between the engine and a rule kind (STYLE.md 5): schema.ts validates the kind parameters,
// compile.ts turns them into a plan (all validation there), evaluate.ts is a pure step
// state + event + watermark -> new state + hits. State is plain JSON data; a kind never mutates it in place.
import type { z } from "zod";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { Hit } from "../shared/hit.ts";

export interface KindContext {
  ruleId: string;
  /** Partition whose watermark governs this state. */
  partition: number;
  /** Current watermark of that partition (ms); events at or before it are final. */
  watermark: number;
  /** Event time (ms) of the first event this rule saw on the partition (learning periods start here). */
  ruleStartedAt: number;
  evidenceLimit: number;
  /** Event time (ms) of the event being evaluated, parsed once by the engine; the watermark in onWatermark. */
  time: number;
}

export interface StepResult<S> {
  /** New state for the key; undefined deletes it. */
  state: S | undefined;
  hits: Hit[];
  /** Derived canonical events to route to other keys (path kind). */
  derived?: CanonicalEvent[];
  /** Earliest watermark at which onWatermark must run for this key (absence windows). */
  deadline?: number;
}

export interface RuleKind<Params, Plan, State> {
  /** Parameter schema, validated under the rule key named after the kind. */
  schema: z.ZodType<Params>;
  /** Params -> executable plan; problems are "field: message" strings relative to the kind key. */
  compile(params: Params, problems: string[]): Plan;
  /** The keys under which this event's state lives for this rule (empty when the rule ignores it). */
  keysOf(plan: Plan, event: CanonicalEvent, ruleId: string): string[];
  evaluate(
    plan: Plan,
    state: State | undefined,
    event: CanonicalEvent,
    key: string,
    ctx: KindContext,
  ): StepResult<State>;
  /** Closes windows whose deadline the watermark passed (absence). */
  onWatermark?(plan: Plan, state: State, key: string, ctx: KindContext): StepResult<State>;
  /**
   * One event is the whole hit (no kind state, no window to wait for): the engine may evaluate the event when
   * it arrives instead of when the watermark releases it, so the incident opens without the lateness delay.
   */
  eager?: boolean;
}

/** Type-erased kind as stored in the registry. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds kinds of different parameter types.
export type AnyRuleKind = RuleKind<any, any, any>;

/** Milliseconds since the epoch of an event's @timestamp. */
export function eventTime(event: CanonicalEvent): number {
  return Date.parse(event["@timestamp"]);
}

/** Keeps the first `limit` items (evidence is oldest-first and bounded). */
export function bounded<T>(items: readonly T[], limit: number): T[] {
  return items.length <= limit ? [...items] : items.slice(0, limit);
}

/** Adds keys to a set created on first use: most events match none of a rule's conditions (no allocation). */
export function addKeys(set: Set<string> | undefined, keys: readonly string[]): Set<string> | undefined {
  if (keys.length === 0) return set;
  const out = set ?? new Set<string>();
  for (const key of keys) out.add(key);
  return out;
}
