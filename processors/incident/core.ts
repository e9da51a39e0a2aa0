// Shapes the internal Incident (detections/shared/incident.ts) into the ECS incident document. Pure: no clock, no
// I/O; the same incident always gives the same document, so replay output and Elasticsearch upserts are stable.
import { EcsFlat, EcsVersion } from "@elastic/ecs";
import type { Incident } from "../../detections/shared/incident.ts";
import type { IncidentDocumentConfig } from "./config.ts";
import { boundEvidence, evidenceDocument } from "./evidence.ts";
import { describeIncident } from "./message.ts";
import { INCIDENT_DOCUMENT_VERSION, type IncidentDocument, type PathHopDocument } from "./schema.ts";
import { SEVERITY_NUMBER } from "./severity.ts";
import { itHost, principalFlow, relatedOf, siteSide, zoneCrossings } from "./site.ts";
import { buildThreat } from "./threat.ts";

/** Evidence categories an alert may also carry: those whose ECS expected types include "info" (our event.type). */
const INFO_CATEGORIES: ReadonlySet<string> = new Set(
  (
    (EcsFlat["event.category"] as { allowed_values?: { name: string; expected_event_types?: string[] }[] })
      .allowed_values ?? []
  )
    .filter((value) => value.expected_event_types?.includes("info"))
    .map((value) => value.name),
);

function pathHop(hop: Incident["path"][number], seq: number): PathHopDocument {
  const [protocol, action] = hop.via.includes("/") ? hop.via.split("/", 2) : [hop.via, undefined];
  const host: PathHopDocument["host"] = {};
  if (hop.host.id) host.id = hop.host.id;
  if (hop.host.name) host.name = hop.host.name;
  if (hop.host.ip) host.ip = hop.host.ip;
  return {
    seq,
    "@timestamp": hop["@timestamp"],
    host,
    ...(hop.zone ? { zone: { id: hop.zone.id, level: hop.zone.level } } : {}),
    via: hop.via,
    ...(protocol ? { protocol } : {}),
    ...(action ? { action } : {}),
  };
}

function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

export function shapeIncident(incident: Incident, config: IncidentDocumentConfig): IncidentDocument {
  const flow = principalFlow(incident.evidence);
  const host = itHost(incident.evidence, flow, incident.path);
  const reason = describeIncident(incident, flow, host?.name);
  const message = incident.message.trim() || reason;
  const crossings = zoneCrossings(incident.path, flow);
  const categories = new Set(["intrusion_detection"]);
  for (const event of incident.evidence) {
    for (const category of event.event.category) if (INFO_CATEGORIES.has(category)) categories.add(category);
  }
  const ruleTags = (incident.rule as { tags?: unknown }).tags;
  const tags = new Set(["gapwatch", incident.rule.ruleset, ...config.tags]);
  if (Array.isArray(ruleTags)) for (const tag of ruleTags) if (typeof tag === "string") tags.add(tag);
  const evidence = boundEvidence(incident.evidence, config.max_evidence);
  const bounds = { maxEvidence: config.max_evidence, maxOriginalChars: config.max_original_chars };
  const user = flow?.user ?? incident.evidence.find((event) => event.user?.name)?.user;

  const doc: IncidentDocument = {
    "@timestamp": incident.first_seen,
    ecs: { version: EcsVersion },
    message,
    tags: [...tags],
    labels: { ruleset: incident.rule.ruleset, rule_kind: incident.rule.kind, correlation_key: incident.key },
    event: {
      kind: "alert",
      category: [...categories],
      type: ["info"],
      dataset: "gapwatch.incident",
      module: "gapwatch",
      id: incident.id,
      severity: SEVERITY_NUMBER[incident.severity],
      risk_score: incident.risk_score,
      start: incident.first_seen,
      end: incident.last_seen,
      reason,
    },
    rule: {
      id: incident.rule.id,
      uuid: incident.rule.id,
      name: incident.rule.name,
      version: String(incident.rule.version),
      description: incident.rule.description,
      ...(incident.rule.references[0] ? { reference: incident.rule.references[0] } : {}),
      author: incident.rule.author,
      ruleset: incident.rule.ruleset,
      category: incident.rule.kind,
    },
    threat: buildThreat(incident.rule.techniques),
    related: relatedOf(incident.evidence, incident.path),
    gapwatch: {
      schema_version: INCIDENT_DOCUMENT_VERSION,
      severity: incident.severity,
      status: "open",
      assignee: null,
      key: incident.key,
      window_start: incident.window_start,
      first_seen: incident.first_seen,
      last_seen: incident.last_seen,
      count: incident.count,
      rule: { kind: incident.rule.kind, techniques: incident.rule.techniques, references: incident.rule.references },
      zone_crossings: crossings.zone_crossings,
      path: incident.path.map(pathHop),
      evidence: evidence.map((event) => evidenceDocument(event, bounds)),
      evidence_omitted: Math.max(0, incident.count - evidence.length),
    },
  };
  if (crossings.it_ot_crossing) doc.gapwatch.it_ot_crossing = crossings.it_ot_crossing;
  const hostDoc = host && compact({ ...host });
  if (hostDoc) doc.host = hostDoc;
  const source = flow?.source && compact({ ...flow.source });
  if (source) doc.source = source;
  const destination = flow?.destination && compact({ ...flow.destination });
  if (destination) doc.destination = destination;
  const network = flow?.network && compact({ transport: flow.network.transport, protocol: flow.network.protocol });
  if (network) doc.network = network;
  const userDoc = user && compact({ name: user.name, domain: user.domain });
  if (userDoc) doc.user = userDoc;
  const sourceSide = siteSide(flow?.site?.source);
  if (sourceSide) doc.gapwatch.source = sourceSide;
  const destinationSide = siteSide(flow?.site?.destination);
  if (destinationSide) doc.gapwatch.destination = destinationSide;
  if (flow?.site?.conduit) {
    const { verdict, id, reasons } = flow.site.conduit;
    doc.gapwatch.conduit = { verdict, ...(id ? { id } : {}), reasons };
  }
  return doc;
}
