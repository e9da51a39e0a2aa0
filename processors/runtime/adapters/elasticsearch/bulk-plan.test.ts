import { describe, expect, it } from "vitest";
import { defaultIncidentDocumentConfig } from "../../../incident/config.ts";
import { shapeIncident } from "../../../incident/core.ts";
import { pivotIncident, variantIncident } from "../../../incident/fixtures/pivot-incident.ts";
import { bulkItems, chunkItems, classifyItem } from "./bulk-plan.ts";

const doc = shapeIncident(pivotIncident, defaultIncidentDocumentConfig);
const other = shapeIncident(variantIncident({ id: "inc-other", count: 9 }), defaultIncidentDocumentConfig);
const target = { index: "gapwatch-incidents", partition: "month" as const };

describe("bulkItems", () => {
  it("writes an update with a partial doc (no analyst fields) and a full upsert, never a script", () => {
    const [item] = bulkItems([doc], target, "2026-11-20T11:00:00.000Z");
    const [action, body] = item!.lines
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(action).toEqual({
      update: { _index: "gapwatch-incidents-2026.11", _id: doc.event.id, retry_on_conflict: 5 },
    });
    expect(body.script).toBeUndefined();
    expect(body.doc.gapwatch.status).toBeUndefined();
    expect(body.doc.gapwatch.assignee).toBeUndefined();
    expect(body.upsert.gapwatch.status).toBe("open");
    expect(body.doc.event.ingested).toBe("2026-11-20T11:00:00.000Z");
    expect(item!.bytes).toBe(Buffer.byteLength(item!.lines));
  });

  it("keeps only the latest state when a batch holds the same incident twice", () => {
    const newer = { ...doc, gapwatch: { ...doc.gapwatch, count: 7 } };
    const items = bulkItems([doc, other, newer], target, "2026-11-20T11:00:00.000Z");
    expect(items.map((item) => item.id)).toEqual(["inc-other", doc.event.id]);
    expect(JSON.parse(items[1]!.lines.split("\n")[1]!).doc.gapwatch.count).toBe(7);
  });
});

describe("chunkItems", () => {
  const items = bulkItems(
    [doc, other, { ...doc, event: { ...doc.event, id: "c" } }],
    target,
    "2026-11-20T11:00:00.000Z",
  );
  it("bounds documents per request", () => {
    expect(chunkItems(items, 2, 10_000_000).map((chunk) => chunk.length)).toEqual([2, 1]);
  });
  it("bounds bytes per request and sends an oversized item alone", () => {
    const size = items[0]!.bytes;
    expect(chunkItems(items, 100, size + 10).map((chunk) => chunk.length)).toEqual([1, 1, 1]);
    expect(chunkItems(items, 100, 10).map((chunk) => chunk.length)).toEqual([1, 1, 1]);
  });
});

describe("classifyItem", () => {
  it("retries 429 and 5xx, rejects other errors for good", () => {
    expect(classifyItem(201, undefined)).toEqual({ kind: "ok" });
    expect(classifyItem(429, { type: "es_rejected_execution_exception", reason: "queue full" }).kind).toBe("retry");
    expect(classifyItem(503, { type: "unavailable_shards_exception" }).kind).toBe("retry");
    expect(classifyItem(400, { type: "document_parsing_exception", reason: "bad ip" })).toEqual({
      kind: "rejected",
      status: 400,
      type: "document_parsing_exception",
      reason: "bad ip",
    });
  });
});
