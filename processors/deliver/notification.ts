// What a page says, taken from the ECS incident document once, stored in the outbox and rendered per format at
// send time. Holds no secret: routing keys, URLs and signatures are added only when a request is built.
import type { Severity } from "../../detections/shared/incident.ts";
import type { IncidentDocument, IncidentStatus } from "../incident/schema.ts";

export type DeliveryAction = "trigger" | "acknowledge" | "resolve";

export interface NotificationEndpoint {
  ip?: string;
  asset?: string;
  role?: string;
  zone?: string;
  level?: number;
}

export interface Notification {
  incident_id: string;
  action: DeliveryAction;
  severity: Severity;
  risk_score: number;
  message: string;
  rule: { id: string; name: string; version: string };
  status: IncidentStatus;
  first_seen: string;
  last_seen: string;
  count: number;
  techniques: { id: string; name: string }[];
  host?: string;
  source?: NotificationEndpoint;
  destination?: NotificationEndpoint;
  it_ot_crossing?: string;
  path: { time: string; host: string; zone?: string; level?: number; via: string }[];
  tags: string[];
}

export function actionForStatus(status: IncidentStatus): DeliveryAction {
  return status === "closed" ? "resolve" : status === "acknowledged" ? "acknowledge" : "trigger";
}

function endpoint(
  ecs: IncidentDocument["source"],
  side: IncidentDocument["gapwatch"]["source"],
): NotificationEndpoint | undefined {
  if (!ecs && !side) return undefined;
  const out: NotificationEndpoint = {};
  if (ecs?.ip) out.ip = ecs.ip;
  if (side?.asset) {
    out.asset = side.asset.name;
    out.role = side.asset.role;
  }
  if (side?.zone) out.zone = side.zone.id;
  const level = side?.level ?? side?.zone?.level;
  if (level !== undefined) out.level = level;
  return out;
}

export function toNotification(doc: IncidentDocument, action = actionForStatus(doc.gapwatch.status)): Notification {
  const techniques = doc.threat.flatMap((entry) =>
    entry.technique.id.map((id, i) => ({ id, name: entry.technique.name[i] ?? id })),
  );
  const notification: Notification = {
    incident_id: doc.event.id,
    action,
    severity: doc.gapwatch.severity,
    risk_score: doc.event.risk_score,
    message: doc.message,
    rule: { id: doc.rule.id, name: doc.rule.name, version: doc.rule.version },
    status: doc.gapwatch.status,
    first_seen: doc.gapwatch.first_seen,
    last_seen: doc.gapwatch.last_seen,
    count: doc.gapwatch.count,
    techniques,
    path: doc.gapwatch.path.map((hop) => ({
      time: hop["@timestamp"],
      host: hop.host.name ?? hop.host.ip ?? hop.host.id ?? "?",
      ...(hop.zone ? { zone: hop.zone.id, level: hop.zone.level } : {}),
      via: hop.via,
    })),
    tags: doc.tags,
  };
  const host = doc.host?.name ?? doc.host?.hostname ?? doc.host?.id;
  if (host) notification.host = host;
  const source = endpoint(doc.source, doc.gapwatch.source);
  if (source) notification.source = source;
  const destination = endpoint(doc.destination, doc.gapwatch.destination);
  if (destination) notification.destination = destination;
  if (doc.gapwatch.it_ot_crossing) notification.it_ot_crossing = doc.gapwatch.it_ot_crossing;
  return notification;
}
