// The Elasticsearch sink's retry and backpressure policy, against the REAL node behind a fault-injecting proxy
// started by the test: whole bulk requests refused with 503, every item of a bulk rejected with 429 (the shape
// Elasticsearch answers when its write pool is full), and slow requests to observe the concurrency bound and the
// saturated state. What finally reaches Elasticsearch is checked on the real node.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@elastic/elasticsearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultIncidentDocumentConfig } from "../../processors/incident/config.ts";
import { shapeIncident } from "../../processors/incident/core.ts";
import { variantIncident } from "../../processors/incident/fixtures/pivot-incident.ts";
import { createEsClient } from "../../processors/runtime/adapters/elasticsearch/client.ts";
import { EsSinkConfig } from "../../processors/runtime/adapters/elasticsearch/config.ts";
import { EsIncidentSink } from "../../processors/runtime/adapters/elasticsearch/incident-sink.ts";
import { openEsIncidentSink } from "../../processors/runtime/adapters/elasticsearch/open.ts";
import type { SinkState } from "../../processors/runtime/ports/incident-sink.ts";
import { testStack, uniqueName } from "../support/stack.ts";

const base = uniqueName("gw-it-faults");
let es: Client;
let proxyUrl: string;
let closeProxy: () => Promise<void>;
const faults = { refuseBulks: 0, throttleBulks: 0, holdMs: 0 };
const seen = { bulks: 0, inFlight: 0, maxInFlight: 0 };

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "x-elastic-product": "Elasticsearch" });
  res.end(JSON.stringify(body));
}

/** Ids of the update actions in a bulk body (every other NDJSON line). */
function bulkIds(body: string): { _index: string; _id: string }[] {
  return body
    .trim()
    .split("\n")
    .filter((_, i) => i % 2 === 0)
    .map((line) => JSON.parse(line).update);
}

async function handle(req: IncomingMessage, res: ServerResponse, target: URL): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const isBulk = req.url?.includes("_bulk") ?? false;
  if (isBulk) {
    seen.bulks++;
    seen.inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    if (faults.holdMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.holdMs));
  }
  try {
    if (isBulk && faults.refuseBulks > 0) {
      faults.refuseBulks--;
      return reply(res, 503, { error: { type: "unavailable_shards_exception", reason: "injected" }, status: 503 });
    }
    if (isBulk && faults.throttleBulks > 0) {
      faults.throttleBulks--;
      const items = bulkIds(body.toString()).map((meta) => ({
        update: {
          ...meta,
          status: 429,
          error: { type: "es_rejected_execution_exception", reason: "rejected execution (injected)" },
        },
      }));
      return reply(res, 200, { took: 1, errors: true, items });
    }
    await new Promise<void>((resolve, reject) => {
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (response) => {
          res.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(res).on("finish", resolve);
        },
      );
      upstream.on("error", reject);
      upstream.end(body);
    });
  } finally {
    if (isBulk) seen.inFlight--;
  }
}

const docs = Array.from({ length: 8 }, (_, i) =>
  shapeIncident(variantIncident({ id: `inc-fault-${i}`, key: `10.30.1.${20 + i}` }), defaultIncidentDocumentConfig),
);

function proxiedSink(overrides: Record<string, unknown>) {
  const config = EsSinkConfig.parse({
    node: proxyUrl,
    index: base,
    refresh: "wait_for",
    retry: { base_ms: 10, max_ms: 50 },
    ...overrides,
  });
  return new EsIncidentSink(createEsClient(config), config);
}

async function storedIds(): Promise<string[]> {
  await es.indices.refresh({ index: `${base}*` });
  const response = await es.search({ index: `${base}*`, size: 100, query: { match_all: {} } });
  return response.hits.hits.map((hit) => hit._id!).sort();
}

beforeAll(async () => {
  const target = new URL(testStack().esUrl);
  es = new Client({ node: target.origin });
  const opened = await openEsIncidentSink({ node: target.origin, index: base });
  await opened.sink.close();
  const server = createServer((req, res) => {
    handle(req, res, target).catch(() => reply(res, 502, { error: "proxy" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closeProxy = () => new Promise((resolve) => server.close(() => resolve()));
});

afterAll(async () => {
  await closeProxy?.();
  const existing = await es.indices.get({ index: `${base}*` }).catch(() => ({}));
  for (const name of Object.keys(existing)) await es.indices.delete({ index: name });
  await es.indices.deleteIndexTemplate({ name: `${base}-template` }, { ignore: [404] });
  await es.close();
});

describe("Elasticsearch sink under injected faults (real node behind a proxy)", () => {
  it("retries bulk requests refused with 503, reporting itself unavailable meanwhile, and writes everything", async () => {
    faults.refuseBulks = 2;
    const sink = proxiedSink({});
    const states: SinkState[] = [];
    sink.onStateChange((state) => states.push(state));
    expect(await sink.write(docs.slice(0, 2))).toEqual({ written: 2, rejected: [] });
    expect(states).toEqual(["unavailable", "ready"]);
    expect(states.at(-1)).toBe("ready");
    await sink.close();
    expect(await storedIds()).toEqual(["inc-fault-0", "inc-fault-1"]);
  });

  it("retries items rejected with 429 (throttled) until they are written", async () => {
    faults.throttleBulks = 2;
    const sink = proxiedSink({});
    const states: SinkState[] = [];
    sink.onStateChange((state) => states.push(state));
    expect(await sink.write(docs.slice(2, 4))).toEqual({ written: 2, rejected: [] });
    expect(states).toContain("saturated");
    expect(sink.state()).toBe("ready");
    await sink.close();
    expect(await storedIds()).toEqual(["inc-fault-0", "inc-fault-1", "inc-fault-2", "inc-fault-3"]);
  });

  it("keeps at most `concurrency` bulk requests in flight and bounds documents per request", async () => {
    faults.holdMs = 100;
    seen.maxInFlight = 0;
    const before = seen.bulks;
    const sink = proxiedSink({ bulk: { max_docs: 1, concurrency: 2 } });
    expect((await sink.write(docs.slice(4, 8))).written).toBe(4);
    faults.holdMs = 0;
    expect(seen.bulks - before).toBe(4);
    expect(seen.maxInFlight).toBe(2);
    await sink.close();
    expect(await storedIds()).toHaveLength(8);
  });
});
