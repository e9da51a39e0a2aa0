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

function merge(existing: Incident, hit: Hit, rule: CompiledRule): Incident {
  const seen = new Set(existing.evidence.map((e) => e["@timestamp"] + JSON.stringify(e.gapwatch.provenance)));
  const fresh = hit.events.filter((e) => !seen.has(e["@timestamp"] + JSON.stringify(e.gapwatch.provenance)));
  const evidence: CanonicalEvent[] = [...existing.evidence, ...fresh].slice(0, rule.common.evidence_limit);
  const { severity, riskScore } = rule.severityOf(evidence);
  const order = ["low", "medium", "high", "critical"];
  return {
    ...existing,
    severity: order.indexOf(severity) > order.indexOf(existing.severity) ? severity : existing.severity,
    risk_score: Math.max(existing.risk_score, riskScore),
    last_seen: hit.time > Date.parse(existing.last_seen) ? iso(hit.time) : existing.last_seen,
    count: existing.count + hit.count,
    path: hit.path && hit.path.length > existing.path.length ? hit.path : existing.path,
    evidence,
    message: fillMessage(rule, hit),
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
  const slot = group === undefined ? `k\u0000${hit.key}\u0000${hit.windowStart}` : `s\u0000${group}`;
  const current = open.get(slot);
  if (current && hit.time <= current.until) {
    const incident = merge(current.incident, hit, rule);
    open.set(slot, { ...current, incident });
    return { incident, opened: false };
  }
  const key = group ?? hit.key;
  const windowStart = group === undefined ? hit.windowStart : Math.min(hit.windowStart, hit.time);
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
    first_seen: iso(Math.min(windowStart, ...hit.events.map((e) => Date.parse(e["@timestamp"])))),
    last_seen: iso(hit.time),
    count: hit.count,
    path: hit.path ?? [],
    evidence,
    message: fillMessage(rule, hit),
  };
  const until = rule.suppression ? windowStart + rule.suppression.durationMs : Number.MAX_SAFE_INTEGER;
  open.set(slot, { incident, until, partition });
  return { incident, opened: true };
}
