// Webhook endpoint outage: gapwatch pages a signed-JSON receiver that is down (its port closed) for 60 s while
// events keep flowing. Pages wait in the durable outbox (a compacted Kafka topic), so the pipeline does not
// stall: incidents keep reaching Elasticsearch during the outage, RSS stays bounded, and once the receiver is
// back every incident is paged, each page delivered exactly once, signatures valid by the documented recipe.
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { pivotScenario } from "../../processors/runtime/test-support/scenario.ts";
import { testStack } from "../support/stack.ts";
import { waitForIncidents } from "./runtime-es.ts";
import { expectedIncidents, incidentsOf } from "./runtime-expect.ts";
import { cleanup, createRunEnv, exited, produceLive, type RunEnv, spawnRun, waitForLog } from "./runtime-harness.ts";
import { rssOf } from "./runtime-outage-proxy.ts";

const SECRET = "webhook-outage-test-secret";

interface Page {
  key: string;
  incidentId: string;
  action: string;
}

/** A signed-JSON receiver that can be taken down (port closed) and brought back on the same port. */
async function startReceiver() {
  const pages: Page[] = [];
  const badSignatures: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const timestamp = String(req.headers["x-gapwatch-timestamp"]);
      // The recipe of processors/deliver/receiving-webhooks.md, and nothing else.
      const expected = `v1=${createHmac("sha256", SECRET).update(`${timestamp}.${body}`).digest("hex")}`;
      const given = String(req.headers["x-gapwatch-signature"] ?? "").split(",");
      const ok = given.some(
        (g) => g.length === expected.length && timingSafeEqual(Buffer.from(g), Buffer.from(expected)),
      );
      if (!ok) badSignatures.push(body.slice(0, 80));
      const envelope = JSON.parse(body) as {
        action: string;
        incident: { incident_id: string };
      };
      pages.push({
        key: String(req.headers["x-gapwatch-idempotency-key"]),
        incidentId: envelope.incident.incident_id,
        action: envelope.action,
      });
      res.writeHead(200).end("stored");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    pages,
    badSignatures,
    down: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
    up: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve)),
    close: () => (server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve()),
  };
}

let env: RunEnv;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  const stack = testStack();
  receiver = await startReceiver();
  env = await createRunEnv({ brokers: stack.kafkaBrokers, esUrl: stack.esUrl, latenessMs: 10 * 60_000 });
  const config = parse(await readFile(env.configFile, "utf8")) as Record<string, unknown>;
  config.delivery = {
    poll_ms: 100,
    targets: [
      {
        id: "oncall",
        format: "json",
        url: receiver.url,
        secret: SECRET,
        timeout_ms: 2000,
        route: { min_severity: "low" },
        rate_limit: { per_minute: 60_000, burst: 1000 },
        retry: { base_ms: 500, max_ms: 4000, give_up_after_ms: 600_000 },
      },
    ],
  };
  await writeFile(env.configFile, stringify(config));
});

afterAll(async () => {
  await receiver?.close();
  if (env) await cleanup(env);
});

describe("gapwatch run during a webhook endpoint outage", () => {
  it("keeps the pipeline going and pages every incident exactly once when the endpoint is back", {
    timeout: 420_000,
  }, async () => {
    const records = pivotScenario({ pivots: 20, backgroundPerPivot: 20, writesPerPivot: 2 });
    const expected = await expectedIncidents(env, records);
    await receiver.down();
    const child = spawnRun(env, "webhook-outage");
    await waitForLog(env, "webhook-outage", /"message":"ready"/, 60_000);
    const downAt = Date.now();
    const baseline = await rssOf(child.pid!);
    let peak = baseline;
    const producing = produceLive(env, records, 20, 300);
    while (Date.now() - downAt < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      peak = Math.max(peak, await rssOf(child.pid!));
    }
    await producing;
    // During the outage the pipeline did not stall on the pages: incidents reached Elasticsearch.
    const during = incidentsOf(await waitForIncidents(env, (h) => h.length > 0, 60_000));
    expect(during.size).toBeGreaterThan(0);
    expect(receiver.pages).toHaveLength(0);
    expect(child.exitCode).toBeNull();
    expect(peak - baseline).toBeLessThan(150 * 1024 * 1024);
    console.info(
      `runtime-webhook-outage: RSS baseline ${(baseline / 2 ** 20).toFixed(0)} MiB, peak ${(peak / 2 ** 20).toFixed(0)} MiB`,
    );

    await receiver.up();
    await waitForIncidents(
      env,
      (h) => [...expected].every(([id, e]) => incidentsOf(h).get(id)?.count === e.count),
      150_000,
    );
    const until = Date.now() + 120_000;
    const paged = () => new Set(receiver.pages.filter((p) => p.action === "trigger").map((p) => p.incidentId));
    while ([...expected.keys()].some((id) => !paged().has(id)) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await new Promise((resolve) => setTimeout(resolve, 3000)); // a duplicate would arrive by now
    expect([...expected.keys()].filter((id) => !paged().has(id))).toEqual([]);
    const perKey = new Map<string, number>();
    for (const page of receiver.pages) perKey.set(page.key, (perKey.get(page.key) ?? 0) + 1);
    expect([...perKey].filter(([, n]) => n > 1)).toEqual([]);
    expect(receiver.badSignatures).toEqual([]);
    child.kill("SIGTERM");
    expect((await exited(child)).code).toBe(0);
  });
});
