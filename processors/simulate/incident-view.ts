// What scoring reads from an incident, whichever form it arrives in: the engine's internal Incident
// (detections/shared/incident.ts), or the ECS incident document in Elasticsearch or replay's output
// (processors/incident/schema.ts). Only plain property reads: no dependency on either module's code.

import type { IncidentView } from "./truth.ts";

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const isIp = (v: string) => /^\d{1,3}(?:\.\d{1,3}){3}$/.test(v) || v.includes(":");

function severityOf(doc: Json): string {
  return str(doc.severity) ?? str(obj(doc.gapwatch).severity) ?? String(obj(doc.event).severity ?? "unknown");
}

export function toIncidentView(input: unknown): IncidentView {
  const doc = obj(input);
  const rule = obj(doc.rule);
  const gw = obj(doc.gapwatch);
  const techniques = new Set<string>();
  for (const t of arr(rule.techniques)) if (typeof t === "string") techniques.add(t);
  for (const t of arr(obj(gw.rule).techniques)) if (typeof t === "string") techniques.add(t);
  for (const threat of arr(doc.threat))
    for (const id of arr(obj(obj(threat).technique).id)) if (typeof id === "string") techniques.add(id);
  const ips = new Set<string>();
  const hosts = new Set<string>();
  const addIp = (v: unknown) => {
    const s = str(v);
    if (s && isIp(s)) ips.add(s);
  };
  const addHost = (v: unknown) => {
    const s = str(v);
    if (s) hosts.add(s.toLowerCase());
  };
  const related = obj(doc.related);
  arr(related.ip).forEach(addIp);
  arr(related.hosts).forEach(addHost);
  addIp(obj(doc.source).ip);
  addIp(obj(doc.destination).ip);
  addHost(obj(doc.host).name);
  arr(obj(doc.host).ip).forEach(addIp);
  const key = str(doc.key) ?? str(gw.key);
  if (key) (isIp(key) ? addIp : addHost)(key);
  const path = arr(doc.path ?? gw.path).map(obj);
  for (const hop of path) {
    addIp(obj(hop.host).ip);
    addHost(obj(hop.host).name);
  }
  for (const evidence of arr(doc.evidence ?? gw.evidence).map(obj)) {
    addIp(evidence.source_ip ?? obj(evidence.source).ip);
    addIp(evidence.destination_ip ?? obj(evidence.destination).ip);
    addHost(evidence.host_name ?? obj(evidence.host).name);
  }
  const first = str(doc.first_seen) ?? str(gw.first_seen) ?? str(obj(doc.event).start) ?? str(doc["@timestamp"]);
  const last = str(doc.last_seen) ?? str(gw.last_seen) ?? str(obj(doc.event).end) ?? first;
  return {
    id: str(doc.id) ?? str(obj(doc.event).id) ?? "",
    ruleId: str(rule.id) ?? "",
    ruleName: str(rule.name) ?? "",
    severity: severityOf(doc),
    techniques: [...techniques].sort(),
    ips: [...ips],
    hosts: [...hosts],
    firstSeen: first ? Date.parse(first) : 0,
    lastSeen: last ? Date.parse(last) : 0,
    path: path.map((hop) => str(obj(hop.host).name) ?? str(obj(hop.host).ip) ?? "?"),
  };
}

/** One line per incident, as the demo prints them: severity, rule, path, ATT&CK ids. */
export function describeIncident(view: IncidentView): string {
  const path = view.path.length > 0 ? view.path.join(" -> ") : view.ips.slice(0, 2).join(" -> ");
  return `[${view.severity.toUpperCase()}] ${view.ruleId} ${view.ruleName} | ${path || "-"} | ${view.techniques.join(",")}`;
}
