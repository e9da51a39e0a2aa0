// Who owns which field of a stored incident. The stream owns everything except the analyst's triage fields:
// an update from the stream carries the document WITHOUT them (so Elasticsearch's partial-document merge keeps
// what the analyst set), and only the first insert (the upsert body) writes their initial values.
import type { IncidentDocument } from "./schema.ts";

/** Fields under `gapwatch` that only an analyst changes after the incident is created. */
export const ANALYST_OWNED_FIELDS = ["status", "assignee"] as const;

export interface IncidentUpsert {
  id: string;
  /** Partial document merged into an existing incident (no analyst-owned fields). */
  doc: Omit<IncidentDocument, "gapwatch"> & { gapwatch: Omit<IncidentDocument["gapwatch"], "status" | "assignee"> };
  /** Full document written when the incident does not exist yet. */
  upsert: IncidentDocument;
}

export function splitForUpsert(document: IncidentDocument): IncidentUpsert {
  const { status: _status, assignee: _assignee, ...streamOwned } = document.gapwatch;
  return { id: document.event.id, doc: { ...document, gapwatch: streamOwned }, upsert: document };
}
