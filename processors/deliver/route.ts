// Which targets take an incident: minimum severity, optional rule ids and tags, and the action kinds each sends.
import type { IncidentDocument } from "../incident/schema.ts";
import { compareSeverity } from "../incident/severity.ts";
import type { WebhookTarget } from "./config.ts";
import type { DeliveryAction } from "./notification.ts";

export function targetTakes(target: WebhookTarget, doc: IncidentDocument, action: DeliveryAction): boolean {
  const route = target.route;
  if (!route.actions.includes(action)) return false;
  if (compareSeverity(doc.gapwatch.severity, route.min_severity) < 0) return false;
  if (route.rule_ids && !route.rule_ids.includes(doc.rule.id)) return false;
  if (route.tags && !route.tags.some((tag) => doc.tags.includes(tag))) return false;
  return true;
}

export function routeIncident(
  targets: readonly WebhookTarget[],
  doc: IncidentDocument,
  action: DeliveryAction,
): WebhookTarget[] {
  return targets.filter((target) => targetTakes(target, doc, action));
}
