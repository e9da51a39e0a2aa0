// Evidence kept in the incident document: bounded in count (oldest and newest halves) and in raw size, each item
// with its provenance so an analyst can find the original record (topic/partition/offset or file/line).
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { EvidenceDocument } from "./schema.ts";

export interface EvidenceBounds {
  maxEvidence: number;
  maxOriginalChars: number;
}

/** Keeps at most `max` events: the oldest ceil(max/2) and the newest floor(max/2), so onset and latest both show. */
export function boundEvidence<T>(events: readonly T[], max: number): T[] {
  if (events.length <= max) return [...events];
  const head = Math.ceil(max / 2);
  const tail = max - head;
  return [...events.slice(0, head), ...(tail > 0 ? events.slice(events.length - tail) : [])];
}

export function evidenceDocument(event: CanonicalEvent, bounds: EvidenceBounds): EvidenceDocument {
  const { original, ...eventFields } = event.event;
  const { gapwatch, ...rest } = event;
  const doc: EvidenceDocument = {
    "@timestamp": event["@timestamp"],
    dataset: event.event.dataset,
    observer_type: event.observer.type,
    provenance: { ...gapwatch.provenance },
    event: { ...rest, event: eventFields },
  };
  const action = event.ot?.action ?? event.event.action;
  if (action) doc.action = action;
  if (event.source?.ip) doc.source_ip = event.source.ip;
  if (event.destination?.ip) doc.destination_ip = event.destination.ip;
  const hostName = event.host?.name ?? event.host?.hostname;
  if (hostName) doc.host_name = hostName;
  if (original && bounds.maxOriginalChars > 0) doc.original = original.slice(0, bounds.maxOriginalChars);
  return doc;
}
