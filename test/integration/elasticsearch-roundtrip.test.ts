// The real node: a composable index template with explicit ip/keyword/date mappings is applied to a new
// index; bulk-indexed documents are searched back by term, CIDR, date range and aggregated.
import { Client } from "@elastic/elasticsearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testStack, uniqueName } from "../support/stack.ts";

const es = new Client({ node: testStack().esUrl, requestTimeout: 30_000 });
const index = uniqueName("gapwatch-it-roundtrip");

beforeAll(async () => {
  await es.indices.putIndexTemplate({
    name: index,
    index_patterns: [`${index}*`],
    template: {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: {
        dynamic: "strict",
        properties: {
          "@timestamp": { type: "date" },
          source: { properties: { ip: { type: "ip" } } },
          threat: { properties: { technique: { properties: { id: { type: "keyword" } } } } },
          zone: { type: "keyword" },
          evidence: { type: "flattened" },
        },
      },
    },
  });
});

afterAll(async () => {
  await es.indices.delete({ index, ignore_unavailable: true });
  await es.indices.deleteIndexTemplate({ name: index }).catch(() => {});
  await es.close();
});

describe("Elasticsearch round trip on the real node", () => {
  it("indexes in bulk and searches back by technique, CIDR, time range and aggregation", async () => {
    const docs = [
      { id: "a", ip: "10.10.5.23", technique: "T0855", zone: "z-corp", at: "2025-03-01T10:00:00Z" },
      { id: "b", ip: "10.50.0.20", technique: "T0843", zone: "z-l2-scada", at: "2025-03-01T10:05:00Z" },
      { id: "c", ip: "10.50.0.21", technique: "T0855", zone: "z-l2-scada", at: "2025-03-01T11:00:00Z" },
    ];
    const bulk = await es.bulk({
      refresh: "wait_for",
      operations: docs.flatMap((d) => [
        { index: { _index: index, _id: d.id } },
        {
          "@timestamp": d.at,
          source: { ip: d.ip },
          threat: { technique: { id: d.technique } },
          zone: d.zone,
          evidence: { "event.dataset": "zeek.modbus" },
        },
      ]),
    });
    expect(bulk.errors).toBe(false);

    const byTechnique = await es.search({ index, query: { term: { "threat.technique.id": "T0855" } } });
    expect(byTechnique.hits.hits.map((h) => h._id).sort()).toEqual(["a", "c"]);

    const byCidr = await es.search({ index, query: { term: { "source.ip": "10.50.0.0/24" } } });
    expect(byCidr.hits.hits.map((h) => h._id).sort()).toEqual(["b", "c"]);

    const byTime = await es.search({
      index,
      query: { range: { "@timestamp": { gte: "2025-03-01T10:01:00Z", lt: "2025-03-01T10:30:00Z" } } },
    });
    expect(byTime.hits.hits.map((h) => h._id)).toEqual(["b"]);

    const aggs = await es.search({ index, size: 0, aggs: { zones: { terms: { field: "zone" } } } });
    const buckets = (aggs.aggregations!.zones as { buckets: { key: string; doc_count: number }[] }).buckets;
    expect(buckets).toEqual([
      { key: "z-l2-scada", doc_count: 2 },
      { key: "z-corp", doc_count: 1 },
    ]);
  });

  it("rejects a document that breaks the strict mapping, and reports it per item", async () => {
    const bulk = await es.bulk({
      refresh: "wait_for",
      operations: [
        { index: { _index: index, _id: "bad" } },
        { "@timestamp": "2025-03-01T12:00:00Z", source: { ip: "not-an-ip" } },
        { index: { _index: index, _id: "good" } },
        { "@timestamp": "2025-03-01T12:00:00Z", source: { ip: "10.60.0.11" } },
      ],
    });
    expect(bulk.errors).toBe(true);
    const [bad, good] = bulk.items.map((item) => item.index!);
    expect(bad!.status).toBe(400);
    expect(bad!.error?.type).toBe("document_parsing_exception");
    expect(good!.status).toBe(201);
  });
});
