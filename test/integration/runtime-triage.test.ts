// Kibana triage -> on-call, end to end: gapwatch pages a signed-JSON receiver for each incident; an analyst
// then closes one incident in Elasticsearch (as Kibana's status field does, a partial update of the stored
// document), and triage sync turns that into exactly one `resolve` page for that incident and none for the
// others. The stream's later updates of the incident do not reopen it.
import { readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { pivotScenario } from "../../processors/runtime/test-support/scenario.ts";
import { waitForIncidents } from "./runtime-es.ts";
import { expectedIncidents, incidentsOf } from "./runtime-expect.ts";
import { exited, produce, runEnvPerTest, spawnRun, waitForLog } from "./runtime-harness.ts";

const newRunEnv = runEnvPerTest();
let server: http.Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
}

describe("triage sync", () => {
  it("resolves the page of an incident an analyst closed, once, and no other", { timeout: 240_000 }, async () => {
    const pages: Array<{ incidentId: string; action: string }> = [];
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const envelope = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          action: string;
          incident: { incident_id: string };
        };
        pages.push({ incidentId: envelope.incident.incident_id, action: envelope.action });
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

    const env = await newRunEnv();
    const config = parse(await readFile(env.configFile, "utf8")) as Record<string, unknown>;
    config.delivery = {
      poll_ms: 100,
      targets: [{ id: "oncall", format: "json", url, secret: "triage-test", route: { min_severity: "low" } }],
      // Polled every second; the scenario is recent so its incidents are inside the default 7-day lookback.
      triage_sync: { enabled: true, interval_ms: 1000 },
    };
    await writeFile(env.configFile, stringify(config));
    const records = pivotScenario({
      pivots: 2,
      backgroundPerPivot: 2,
      writesPerPivot: 1,
      start: Date.now() - 3_600_000,
    });
    const expected = await expectedIncidents(env, records);
    expect(expected.size).toBeGreaterThanOrEqual(2);

    const child = spawnRun(env, "triage");
    await waitForLog(env, "triage", /"message":"ready"/, 60_000);
    await produce(env, records);
    await waitForIncidents(env, (h) => [...expected.keys()].every((id) => incidentsOf(h).has(id)), 90_000);
    const triggered = () => new Set(pages.filter((p) => p.action === "trigger").map((p) => p.incidentId));
    await until(() => [...expected.keys()].every((id) => triggered().has(id)), 60_000);
    expect([...triggered()].sort()).toEqual([...expected.keys()].sort());

    // The analyst closes the first incident (a partial update of the stored document, as Kibana makes).
    const [closed, ...others] = [...expected.keys()].sort();
    const search = await env.esFetch(`${env.esUrl}/${env.index}*/_search`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: { ids: { values: [closed] } } }),
    });
    const hit = ((await search.json()) as { hits: { hits: Array<{ _index: string; _id: string }> } }).hits.hits[0]!;
    const update = await env.esFetch(`${env.esUrl}/${hit._index}/_update/${hit._id}?refresh=true`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ doc: { gapwatch: { status: "closed" } } }),
    });
    expect(update.status).toBe(200);

    const resolves = () => pages.filter((p) => p.action === "resolve");
    await until(() => resolves().length > 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // later polls must not resolve it again
    expect(resolves().map((p) => p.incidentId)).toEqual([closed]);
    expect(pages.filter((p) => others.includes(p.incidentId) && p.action !== "trigger")).toEqual([]);
    child.kill("SIGTERM");
    expect((await exited(child)).code).toBe(0);
  });
});
