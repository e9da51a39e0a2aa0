// The Elasticsearch sink against the REAL node (GAPWATCH_ES_URL / test/support/stack.ts): template installed from
// detected capabilities, incidents searchable by technique, zone, IP (ip range and CIDR) and path hop, analyst
// triage preserved across stream updates, one bad document rejected with its reason while the rest are written.
import { Client } from "@elastic/elasticsearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultIncidentDocumentConfig } from "../../processors/incident/config.ts";
import { shapeIncident } from "../../processors/incident/core.ts";
import { pivotIncident, variantIncident } from "../../processors/incident/fixtures/pivot-incident.ts";
import type { IncidentDocument } from "../../processors/incident/schema.ts";
import { createEsClient } from "../../processors/runtime/adapters/elasticsearch/client.ts";
import { EsSinkConfig } from "../../processors/runtime/adapters/elasticsearch/config.ts";
import { EsIncidentSink } from "../../processors/runtime/adapters/elasticsearch/incident-sink.ts";
import { type OpenedEsSink, openEsIncidentSink } from "../../processors/runtime/adapters/elasticsearch/open.ts";
import { DeliveryError } from "../../processors/runtime/errors.ts";
import type { SinkState } from "../../processors/runtime/ports/incident-sink.ts";
import { testStack, uniqueName } from "../support/stack.ts";

const shape = (incident: typeof pivotIncident) => shapeIncident(incident, defaultIncidentDocumentConfig);
const pivot = shape(pivotIncident);
const it2 = shape(
  variantIncident({
    id: "inc-it-only",
    key: "laptop-07",
    severity: "medium",
    rule: { ...pivotIncident.rule, id: "gw-it-0002", techniques: ["T1078"] },
    path: [],
    evidence: pivotIncident.evidence.slice(0, 1),
  }),
);

let es: Client;
let opened: OpenedEsSink;
const base = uniqueName("gw-it-incidents");
const index = `${base}-2026.11`;

async function search(query: Record<string, unknown>): Promise<string[]> {
  const response = await es.search<IncidentDocument>({ index: `${base}*`, query, size: 50 });
  return response.hits.hits.map((hit) => hit._id!).sort();
}

beforeAll(async () => {
  const { esUrl } = testStack();
  es = new Client({ node: esUrl });
  opened = await openEsIncidentSink({ node: esUrl, index: base, partition: "month", refresh: "wait_for" });
});

afterAll(async () => {
  await opened?.sink.close();
  const existing = await es.indices.get({ index: `${base}*`, expand_wildcards: "all" }).catch(() => ({}));
  for (const name of Object.keys(existing)) await es.indices.delete({ index: name });
  await es.indices.deleteIndexTemplate({ name: `${base}-template` }, { ignore: [404] });
  await es.close();
});

describe("Elasticsearch incident sink (real node)", () => {
  it("installs the template from detected capabilities, idempotently", async () => {
    expect(opened.install.template).toBe("installed");
    const mapping = await es.indices.getIndexTemplate({ name: `${base}-template` });
    const properties = mapping.index_templates[0]!.index_template.template!.mappings!.properties!;
    const messageType = (properties.message as { type: string }).type;
    expect(messageType).toBe(opened.capabilities.fieldTypes.has("match_only_text") ? "match_only_text" : "text");
    const again = await openEsIncidentSink({ node: testStack().esUrl, index: base, partition: "month" });
    expect(again.install.template).toBe("installed");
    await again.sink.close();
  });

  it("sets the incident refresh interval on new and existing indices (how soon an incident is searchable)", async () => {
    const older = `${base}-2026.01`;
    await es.indices.create({ index: older, settings: { index: { refresh_interval: "30s" } } });
    const template = await es.indices.getIndexTemplate({ name: `${base}-template` });
    expect(template.index_templates[0]!.index_template.template!.settings!.index!.refresh_interval).toBe("250ms");
    const reopened = await openEsIncidentSink({ node: testStack().esUrl, index: base, partition: "month" });
    await reopened.sink.close();
    const settings = await es.indices.getSettings({ index: older, name: "index.refresh_interval" });
    expect(settings[older]!.settings!.index!.refresh_interval).toBe("250ms");
  });

  it("indexes incidents and finds them by technique id, zone, IP range, CIDR and path hop", async () => {
    const result = await opened.sink.write([pivot, it2]);
    expect(result).toEqual({ written: 2, rejected: [] });
    expect(await search({ term: { "threat.technique.id": "T0855" } })).toEqual([pivot.event.id]);
    expect(await search({ term: { "threat.technique.subtechnique.id": "T1021.001" } })).toEqual([pivot.event.id]);
    expect(await search({ term: { "gapwatch.destination.zone.id": "cell-1" } })).toEqual([pivot.event.id]);
    expect(await search({ range: { "destination.ip": { gte: "10.30.0.0", lte: "10.30.255.255" } } })).toEqual([
      pivot.event.id,
    ]);
    expect(await search({ term: { "related.ip": "10.10.0.0/16" } })).toEqual([it2.event.id, pivot.event.id].sort());
    expect(await search({ term: { "event.kind": "alert" } })).toHaveLength(2);
    const hop = {
      nested: {
        path: "gapwatch.path",
        query: {
          bool: {
            filter: [{ term: { "gapwatch.path.zone.id": "cell-1" } }, { term: { "gapwatch.path.action": "write" } }],
          },
        },
      },
    };
    expect(await search(hop)).toEqual([pivot.event.id]);
    const evidence = {
      nested: {
        path: "gapwatch.evidence",
        query: { term: { "gapwatch.evidence.event.ot.function.name": "WRITE_SINGLE_REGISTER" } },
      },
    };
    expect(await search(evidence)).toEqual([pivot.event.id]);
    const aggs = await es.search({
      index: `${base}*`,
      size: 0,
      aggs: { techniques: { terms: { field: "threat.technique.id" } } },
    });
    const buckets = (aggs.aggregations!.techniques as { buckets: { key: string }[] }).buckets.map((b) => b.key);
    expect(buckets).toContain("T0836");
  });

  it("keeps an analyst's status and assignee when the stream updates the incident with new evidence", async () => {
    await es.update({
      index,
      id: pivot.event.id,
      doc: { gapwatch: { status: "acknowledged", assignee: "bob" } },
      refresh: "wait_for",
    });
    const grown = shape({
      ...pivotIncident,
      count: 4,
      last_seen: "2026-11-20T10:06:00.000Z",
      evidence: [
        ...pivotIncident.evidence,
        { ...pivotIncident.evidence[2]!, "@timestamp": "2026-11-20T10:06:00.000Z" },
      ],
    });
    expect((await opened.sink.write([grown])).written).toBe(1);
    const stored = (await es.get<IncidentDocument>({ index, id: pivot.event.id }))._source!;
    expect(stored.gapwatch.status).toBe("acknowledged");
    expect(stored.gapwatch.assignee).toBe("bob");
    expect(stored.gapwatch.count).toBe(4);
    expect(stored.gapwatch.evidence).toHaveLength(4);
    expect(stored.event.end).toBe("2026-11-20T10:06:00.000Z");
    expect(stored.event.ingested).toBeDefined();
    // The triage reader sees the analyst's status (for acknowledge/resolve pages), without the evidence.
    const triaged = await opened.triage.triaged({ since: "2026-11-01T00:00:00.000Z", limit: 10 });
    expect(triaged.map((doc) => [doc.event.id, doc.gapwatch.status, doc.gapwatch.evidence.length])).toEqual([
      [pivot.event.id, "acknowledged", 0],
    ]);
    expect(await opened.triage.triaged({ since: "2026-11-21T00:00:00.000Z", limit: 10 })).toEqual([]);
  });

  it("reports a document the mapping refuses, with its reason, and still writes the rest", async () => {
    const bad = {
      ...shape(variantIncident({ id: "inc-bad" })),
      source: { ip: "not-an-ip" },
    } as unknown as IncidentDocument;
    const good = shape(variantIncident({ id: "inc-good", key: "10.30.1.12" }));
    const rejected: string[] = [];
    const result = await opened.sink.write([bad, good]);
    for (const item of result.rejected) rejected.push(item.id);
    expect(result.written).toBe(1);
    expect(rejected).toEqual(["inc-bad"]);
    expect(result.rejected[0]!.status).toBe(400);
    expect(result.rejected[0]!.reason).toMatch(/source\.ip|not-an-ip/);
    expect(await search({ ids: { values: ["inc-good", "inc-bad"] } })).toEqual(["inc-good"]);
    // dynamic: strict: a field the template does not know is refused, not silently mapped.
    const unknown = {
      ...good,
      event: { ...good.event, id: "inc-unknown" },
      surprise: 1,
    } as unknown as IncidentDocument;
    expect((await opened.sink.write([unknown])).rejected[0]!.type).toBe("strict_dynamic_mapping_exception");
  });

  it("reports itself unavailable and keeps retrying while Elasticsearch is unreachable (backpressure)", async () => {
    const config = EsSinkConfig.parse({
      node: "http://127.0.0.1:9",
      index: base,
      retry: { base_ms: 20, max_ms: 50, give_up_after_ms: 400 },
      request_timeout_ms: 500,
    });
    const sink = new EsIncidentSink(createEsClient(config), config);
    const states: SinkState[] = [];
    sink.onStateChange((state) => states.push(state));
    const error = await sink.write([pivot]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).retryable).toBe(true);
    expect(states).toContain("unavailable");
    expect(sink.state()).toBe("ready");
    await sink.close();
  });
});
