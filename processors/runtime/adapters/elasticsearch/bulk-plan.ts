// Pure parts of the bulk write: incident documents to `update` operations (partial doc + upsert, no script),
// chunks bounded by documents and bytes, and what each item's response means.
import { type IndexPartition, incidentIndexName } from "../../../../mappings/elasticsearch/index-name.ts";
import type { IncidentDocument } from "../../../incident/schema.ts";
import { splitForUpsert } from "../../../incident/upsert.ts";

export interface BulkItem {
  id: string;
  index: string;
  /** The two NDJSON lines (action and body), newline-terminated. */
  lines: string;
  bytes: number;
}

/** Update conflicts (an analyst's update racing ours) are retried inside Elasticsearch this many times. */
const RETRY_ON_CONFLICT = 5;

/** Later documents with the same id replace earlier ones: only the latest state of an incident is written. */
export function bulkItems(
  documents: readonly IncidentDocument[],
  target: { index: string; partition: IndexPartition },
  ingestedAt: string,
): BulkItem[] {
  const byId = new Map<string, BulkItem>();
  for (const document of documents) {
    const stamped = { ...document, event: { ...document.event, ingested: ingestedAt } };
    const { id, doc, upsert } = splitForUpsert(stamped);
    const index = incidentIndexName(target.index, target.partition, document.gapwatch.window_start);
    const action = JSON.stringify({ update: { _index: index, _id: id, retry_on_conflict: RETRY_ON_CONFLICT } });
    const lines = `${action}\n${JSON.stringify({ doc, upsert })}\n`;
    byId.delete(id);
    byId.set(id, { id, index, lines, bytes: Buffer.byteLength(lines) });
  }
  return [...byId.values()];
}

/** Splits into requests of at most maxDocs items and maxBytes (an item larger than maxBytes goes alone). */
export function chunkItems(items: readonly BulkItem[], maxDocs: number, maxBytes: number): BulkItem[][] {
  const chunks: BulkItem[][] = [];
  let current: BulkItem[] = [];
  let bytes = 0;
  for (const item of items) {
    if (current.length > 0 && (current.length >= maxDocs || bytes + item.bytes > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += item.bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export type ItemOutcome =
  | { kind: "ok" }
  | { kind: "retry"; status: number; type: string; reason: string }
  | { kind: "rejected"; status: number; type: string; reason: string };

/** 429 (queue full) and 5xx may succeed later; anything else (mapping errors, bad ids) never will. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export function classifyItem(
  status: number,
  error: { type?: string; reason?: string | null } | undefined,
): ItemOutcome {
  if (status >= 200 && status < 300) return { kind: "ok" };
  const type = error?.type ?? "unknown";
  const reason = error?.reason ?? `status ${status}`;
  return isRetryableStatus(status)
    ? { kind: "retry", status, type, reason }
    : { kind: "rejected", status, type, reason };
}
