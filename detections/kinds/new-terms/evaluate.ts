// Per key: the terms seen with their last-seen time. A term is new when it is absent (or older than
// `history`) and the rule is past its learning period on this partition; it is then remembered, so it
// alerts once. Terms beyond max_terms (+25% slack, evicted in batches) are forgotten least-recently-seen first.
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import type { Hit } from "../../shared/hit.ts";
import type { KindContext, StepResult } from "../types.ts";
import type { NewTermsPlan } from "./compile.ts";

export interface NewTermsState {
  /** term -> last seen (ms), least recently seen first. */
  terms: Record<string, number>;
  /** Number of terms (kept to avoid counting keys per event). */
  size: number;
  /** The term touched last: already last in `terms`, so touching it again needs no re-insertion. */
  last?: string;
}

/** The engine calls evaluate right after keysOf for the same event: keysOf computes the term (always afresh),
 * evaluate reuses it. */
const memo: { plan?: NewTermsPlan; event?: CanonicalEvent; term?: string | undefined } = {};

function rememberTerm(plan: NewTermsPlan, event: CanonicalEvent): string | undefined {
  memo.plan = plan;
  memo.event = event;
  memo.term = computeTerm(plan, event);
  return memo.term;
}

function termOf(plan: NewTermsPlan, event: CanonicalEvent): string | undefined {
  return memo.event === event && memo.plan === plan ? memo.term : computeTerm(plan, event);
}

function computeTerm(plan: NewTermsPlan, event: CanonicalEvent): string | undefined {
  const parts: string[] = [];
  for (const get of plan.fields) {
    const value = get(event)[0];
    if (value === undefined) return undefined;
    parts.push(String(value));
  }
  return parts.join("|");
}

export function keysOfNewTerms(plan: NewTermsPlan, event: CanonicalEvent): string[] {
  return plan.where(event) && rememberTerm(plan, event) !== undefined ? plan.key(event) : [];
}

export function evaluateNewTerms(
  plan: NewTermsPlan,
  state: NewTermsState | undefined,
  event: CanonicalEvent,
  key: string,
  ctx: KindContext,
): StepResult<NewTermsState> {
  const t = ctx.time;
  const term = termOf(plan, event)!;
  // Deliberate exception to "never mutate state in place": a controller's term table can hold hundreds of
  // entries and copying it per event dominated the profile. The table is owned by exactly one slot and
  // is plain data, so snapshots are unaffected. Insertion order doubles as recency (re-insert on touch).
  const current = state ?? { terms: {}, size: 0 };
  const terms = current.terms;
  const previous = terms[term];
  const isNew = previous === undefined || t - previous > plan.historyMs;
  const learning = t < ctx.ruleStartedAt + plan.learningMs;
  if (previous !== undefined && current.last !== term) delete terms[term];
  terms[term] = Math.max(t, previous ?? t);
  current.last = term;
  // Evict in batches (down to max_terms once 25% over) so eviction is amortised O(1) per event.
  if (previous === undefined && ++current.size > Math.ceil(plan.maxTerms * 1.25)) {
    const names = Object.keys(terms);
    for (const name of names.slice(0, names.length - plan.maxTerms)) delete terms[name];
    current.size = plan.maxTerms;
  }
  const hits: Hit[] = [];
  if (isNew && !learning) {
    hits.push({
      key,
      windowStart: t,
      time: t,
      events: [event],
      count: 1,
      detail: `new ${plan.fieldNames.join("+")} "${term}" for ${key}`,
    });
  }
  return { state: current, hits };
}
