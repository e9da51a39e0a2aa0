// Generic JSON webhook: the notification as a versioned envelope, signed (sign.ts). The idempotency key is the
// same for every retry of the same page, so a receiver that saw a request whose response got lost can skip it.
import type { Notification } from "../notification.ts";

export function jsonEnvelope(notification: Notification, kibanaLink?: string): Record<string, unknown> {
  return {
    version: 1,
    source: "gapwatch",
    action: notification.action,
    incident: notification,
    ...(kibanaLink ? { links: { kibana: kibanaLink } } : {}),
  };
}

export function idempotencyKey(notification: Notification): string {
  return `${notification.incident_id}:${notification.action}:${notification.severity}:${notification.last_seen}`;
}
