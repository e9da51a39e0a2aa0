// Repeat suppression: on-call hears about an incident once, again only when it escalates or has gone on for
// `renotify_after_ms` more (event time, so replay decides like live). Acknowledge/resolve come from analysts'
// triage read back from Elasticsearch: forwarded once per CHANGE of status, and only for a page that went out, so
// an escalation paged after a close is not resolved again by the unchanged "closed" status.
import { compareSeverity } from "../incident/severity.ts";
import type { Notification } from "./notification.ts";
import type { OutboxRecord } from "./outbox.ts";

export type RepeatDecision = "send" | "replace-pending" | "suppress";

export function decideRepeat(
  record: OutboxRecord | undefined,
  incoming: Notification,
  renotifyAfterMs: number,
): RepeatDecision {
  if (incoming.action !== "trigger") {
    if (record?.triage === incoming.status) return "suppress";
    if (record?.pending) return "replace-pending";
    return record?.delivered ? "send" : "suppress";
  }
  // Not yet out: newer state replaces the queued page (keeping its retry schedule) unless it is less severe; a
  // queued acknowledge/resolve gives way only to an escalation.
  if (record?.pending) {
    const queued = record.pending.notification;
    const order = compareSeverity(incoming.severity, queued.severity);
    if (queued.action !== "trigger") return order > 0 ? "replace-pending" : "suppress";
    return order < 0 ? "suppress" : "replace-pending";
  }
  const last = record?.delivered;
  if (!last) return "send";
  if (compareSeverity(incoming.severity, last.severity) > 0) return "send";
  const elapsed = Date.parse(incoming.last_seen) - Date.parse(last.last_seen);
  return elapsed >= renotifyAfterMs ? "send" : "suppress";
}
