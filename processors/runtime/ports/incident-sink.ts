// Where ECS incident documents go (Elasticsearch in `run`, a file or memory in `replay` and tests).
// write() resolves only when the documents are durable or definitively rejected, so the runtime commits offsets
// after it; state() tells the runtime when to pause the consumer instead of buffering without bound.
import type { IncidentDocument } from "../../incident/schema.ts";

/** ready: accepting; saturated: throttled or too much in flight (pause); unavailable: retrying a failure (pause). */
export type SinkState = "ready" | "saturated" | "unavailable";

export interface RejectedIncident {
  id: string;
  index: string;
  /** HTTP status of the item, e.g. 400 for a mapping conflict. */
  status: number;
  /** Elasticsearch error type, e.g. "document_parsing_exception". */
  type: string;
  reason: string;
}

export interface IncidentWriteResult {
  written: number;
  /** Documents the sink refused for good (never retried); the rest of the batch was still written. */
  rejected: RejectedIncident[];
}

export interface IncidentSink {
  /** Rejects with a DeliveryError only when the whole write failed (closed, aborted, fatal or retry budget spent). */
  write(documents: readonly IncidentDocument[], signal?: AbortSignal): Promise<IncidentWriteResult>;
  state(): SinkState;
  /** Called on every state change; returns an unsubscribe function. */
  onStateChange(listener: (state: SinkState) => void): () => void;
  /** Waits for writes in flight (bounded), then releases the connection. */
  close(): Promise<void>;
}

/** Reads analysts' triage back (Elasticsearch), so acknowledge/resolve can flow to on-call (processors/deliver). */
export interface TriageReader {
  /** Incidents an analyst acknowledged or closed whose last_seen is at or after `since`, newest first. */
  triaged(options: { since: string; limit: number }): Promise<IncidentDocument[]>;
}
