// PagerDuty Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/): dedup_key is the
// incident id, so PagerDuty itself folds repeats into one alert and acknowledge/resolve find it.
import type { Severity } from "../../../detections/shared/incident.ts";
import type { Notification } from "../notification.ts";

/** PagerDuty's payload.severity has four values: critical, error, warning, info. */
export const PAGERDUTY_SEVERITY: Record<Severity, "critical" | "error" | "warning" | "info"> = {
  critical: "critical",
  high: "error",
  medium: "warning",
  low: "info",
};

const SUMMARY_MAX = 1024;

export function pagerDutyBody(
  notification: Notification,
  routingKey: string,
  kibanaLink?: string,
): Record<string, unknown> {
  const base = { routing_key: routingKey, event_action: notification.action, dedup_key: notification.incident_id };
  if (notification.action !== "trigger") return base;
  const target = notification.destination;
  return {
    ...base,
    payload: {
      summary: notification.message.slice(0, SUMMARY_MAX),
      source: target?.asset ?? target?.ip ?? notification.host ?? "gapwatch",
      severity: PAGERDUTY_SEVERITY[notification.severity],
      timestamp: notification.last_seen,
      component: target?.asset ?? target?.ip,
      group: target?.zone,
      class: notification.rule.id,
      custom_details: {
        rule: `${notification.rule.name} (${notification.rule.id} v${notification.rule.version})`,
        risk_score: notification.risk_score,
        events: notification.count,
        first_seen: notification.first_seen,
        last_seen: notification.last_seen,
        it_ot_crossing: notification.it_ot_crossing,
        techniques: notification.techniques.map((t) => `${t.id} ${t.name}`),
        pivot_path: notification.path.map((hop) => `${hop.host}${hop.zone ? ` [${hop.zone}]` : ""} via ${hop.via}`),
      },
    },
    client: "gapwatch",
    ...(kibanaLink ? { client_url: kibanaLink, links: [{ href: kibanaLink, text: "Open in Kibana" }] } : {}),
  };
}
