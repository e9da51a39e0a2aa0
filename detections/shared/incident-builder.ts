// Hits -> incidents, once for every kind: suppression (one incident per group and duration, updated with new
// evidence, last_seen and count), deterministic ids, severity/risk overrides, bounded evidence, message.
// ATT&CK names are attached downstream from the technique ids (mappings/attack/catalog.ts).
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { CompiledRule } from "../language/compile-rule.ts";
import type { Hit } from "./hit.ts";
import type { Incident } from "./incident.ts";
import { incidentId } from "./incident-id.ts";

/** An incident that can still be updated, with the event time until which it accepts updates. */
export interface OpenIncident {
  incident: Incident;
  /** Hits with time <= this update the incident (suppression duration); MAX_SAFE_INTEGER without suppression (JSON-safe). */
  until: number;
  partition: number;
}

/** Where open incidents live (the engine backs it with a bounded LRU). */
export interface OpenIncidents {
  get(group: string): OpenIncident | undefined;
  set(group: string, open: OpenIncident): void;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Start of the epoch-aligned window of `durationMs` that holds `time`. */
const fixedWindow = (time: number, durationMs: number) => Math.floor(time / durationMs) * durationMs;

function fillMessage(rule: CompiledRule, hit: Hit): string {
  const template = rule.common.message;
  const event = hit.events[0];
  const text = template
    ? template.replace(/\{([@a-z0-9_.]+)\}/g, (_, path: string) => {
        if (path === "key") return hit.key;
        let node: unknown = event;
        for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
        return node === undefined || node === null ? "?" : Array.isArray(node) ? node.join(",") : String(node);
      })
    : `${rule.common.title} (${hit.key})`;
  return hit.detail ? `${text}: ${hit.detail}` : text;
}

function suppressionGroup(rule: CompiledRule, hit: Hit): string | undefined {
  if (!rule.suppression) return undefined;
  // The first evidence event that has the group fields decides (a sequence's steps carry different fields).
  for (const event of hit.events) {
    const values = rule.suppression.groupBy(event);
    if (values.length > 0) return values.sort()[0]!;
  }
  return rule.suppression.missing === "suppress" ? "-" : undefined;
}

/** Evidence order: event time, then a signal after the events of its time (it was caused by one), then content;
 * so the `evidence_limit` earliest are kept whatever order the hits came in (eager rules see arrival order). */
function byTime(a: CanonicalEvent, b: CanonicalEvent): number {
  const dt = Date.parse(a["@timestamp"]) - Date.parse(b["@timestamp"]);
  if (dt !== 0) return dt;
  const signal = Number(a.event.kind === "signal") - Number(b.event.kind === "signal");
  if (signal !== 0) return signal;
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Updates an open incident with a hit. Order-independent except for equal times: count adds up, first_seen
 * and last_seen are min and max, evidence is the earliest events, and the message follows the latest hit. */
function merge(existing: Incident, hit: Hit, rule: CompiledRule): Incident {
  const seen = new Set(existing.evidence.map((e) => e["@timestamp"] + JSON.stringify(e.gapwatch.provenance)));
  const fresh = hit.events.filter((e) => !seen.has(e["@timestamp"] + JSON.stringify(e.gapwatch.provenance)));
  const evidence: CanonicalEvent[] = [...existing.evidence, ...fresh].sort(byTime).slice(0, rule.common.evidence_limit);
  const lastSeen = Date.parse(existing.last_seen);
  const firstOfHit = Math.min(hit.time, ...hit.events.map((e) => Date.parse(e["@timestamp"])));
  const { severity, riskScore } = rule.severityOf(evidence);
  const order = ["low", "medium", "high", "critical"];
  return {
    ...existing,
    severity: order.indexOf(severity) > order.indexOf(existing.severity) ? severity : existing.severity,
    risk_score: Math.max(existing.risk_score, riskScore),
    first_seen: firstOfHit < Date.parse(existing.first_seen) ? iso(firstOfHit) : existing.first_seen,
    last_seen: hit.time > lastSeen ? iso(hit.time) : existing.last_seen,
    count: existing.count + hit.count,
    path: hit.path && hit.path.length > existing.path.length ? hit.path : existing.path,
    evidence,
    message: hit.time >= lastSeen ? fillMessage(rule, hit) : existing.message,
  };
}

/** Applies one hit; returns the incident opened or updated. */
export function applyHit(
  rule: CompiledRule,
  hit: Hit,
  open: OpenIncidents,
  partition: number,
): { incident: Incident; opened: boolean } {
  const group = suppressionGroup(rule, hit);
  // An eager kind (match) sees events in ARRIVAL order, so its suppression window cannot start at the first
  // hit (which hit comes first depends on arrival): it is the fixed window of the duration that holds the
  // hit (epoch-aligned, like a tumbling window). Other kinds see events in event-time order: window from the
  // first hit, as in Elastic's per-time-period suppression.
  const fixed =
    group !== undefined && rule.kind.eager === true ? fixedWindow(hit.time, rule.suppression!.durationMs) : undefined;
  const slot =
    group === undefined
      ? `k\u0000${hit.key}\u0000${hit.windowStart}`
      : fixed === undefined
        ? `s\u0000${group}`
        : `s\u0000${group}\u0000${fixed}`;
  const current = open.get(slot);
  if (current && hit.time <= current.until) {
    const incident = merge(current.incident, hit, rule);
    open.set(slot, { ...current, incident });
    return { incident, opened: false };
  }
  const key = group ?? hit.key;
  const windowStart = fixed ?? (group === undefined ? hit.windowStart : Math.min(hit.windowStart, hit.time));
  const evidence = hit.events.slice(0, rule.common.evidence_limit);
  const { severity, riskScore } = rule.severityOf(evidence);
  const c = rule.common;
  const incident: Incident = {
    id: incidentId(rule.id, key, windowStart),
    rule: {
      id: c.id,
      version: c.version,
      name: c.title,
      description: c.description,
      author: c.author,
      references: c.references,
      techniques: c.attack,
      ruleset: rule.ruleset,
      kind: c.kind,
    },
    severity,
    risk_score: riskScore,
    key,
    window_start: iso(windowStart),
    first_seen: iso(Math.min(hit.windowStart, ...hit.events.map((e) => Date.parse(e["@timestamp"])))),
    last_seen: iso(hit.time),
    count: hit.count,
    path: hit.path ?? [],
    evidence,
    message: fillMessage(rule, hit),
  };
  const until =
    fixed !== undefined
      ? fixed + rule.suppression!.durationMs - 1
      : rule.suppression
        ? windowStart + rule.suppression.durationMs
        : Number.MAX_SAFE_INTEGER;
  open.set(slot, { incident, until, partition });
  return { incident, opened: true };
}
