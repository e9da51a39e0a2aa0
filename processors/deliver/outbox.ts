// The delivery outbox port: durable state of every (target, incident) pair: what still has to go out and what
// was last delivered (for repeat suppression). A compacted log keyed by `key`: the file outbox (replay) appends
// NDJSON, a Kafka outbox (run) produces to a compacted topic; a record with neither part is a tombstone.

import type { Severity } from "../../detections/shared/incident.ts";
import type { DeliveryAction, Notification } from "./notification.ts";

export interface PendingDelivery {
  notification: Notification;
  enqueued_at: string;
  attempts: number;
  next_attempt_at: string;
  last_error?: string;
}

export interface DeliveredMark {
  action: DeliveryAction;
  severity: Severity;
  /** The incident's last_seen (event time) when it was paged: renotification is measured in event time. */
  last_seen: string;
  at: string;
}

export interface OutboxRecord {
  /** `${target}/${incident_id}` */
  key: string;
  target: string;
  incident_id: string;
  pending?: PendingDelivery;
  delivered?: DeliveredMark;
  /** The analyst status last forwarded as acknowledge/resolve (forwarded again only when it changes). */
  triage?: "acknowledged" | "closed";
}

export interface DeadLetter {
  target: string;
  incident_id: string;
  action: DeliveryAction;
  reason: string;
  attempts: number;
  enqueued_at: string;
  dead_at: string;
  notification: Notification;
}

export interface DeliveryOutbox {
  /** Every live record (latest state per key), to restore the worker after a restart. */
  load(): Promise<OutboxRecord[]>;
  /** Resolves once the new states are durable (fsync / acks=all). */
  put(records: readonly OutboxRecord[]): Promise<void>;
  /** Resolves once the dead letter is durable. */
  deadLetter(entry: DeadLetter): Promise<void>;
  close(): Promise<void>;
}

export function outboxKey(target: string, incidentId: string): string {
  return `${target}/${incidentId}`;
}

export function isTombstone(record: OutboxRecord): boolean {
  return !record.pending && !record.delivered;
}
