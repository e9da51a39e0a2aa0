// Webhook delivery against real HTTP receivers on 127.0.0.1 started by the test: retries until exactly one
// successful delivery per incident, signatures checked with ONLY the recipe in processors/deliver/receiving-webhooks.md,
// a silent receiver that never stalls submit() or the other targets, and a worker restart mid-retry that still
// delivers from the file outbox.
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DeliveryConfig } from "../../processors/deliver/config.ts";
import { FileOutbox } from "../../processors/deliver/file-outbox.ts";
import { DeliveryStage } from "../../processors/deliver/stage.ts";
import { defaultIncidentDocumentConfig } from "../../processors/incident/config.ts";
import { shapeIncident } from "../../processors/incident/core.ts";
import { pivotIncident, variantIncident } from "../../processors/incident/fixtures/pivot-incident.ts";
import { UndiciWebhookSender } from "../../processors/runtime/adapters/webhook/undici-sender.ts";

const SECRET = "test-signing-secret";
const docs = [
  shapeIncident(pivotIncident, defaultIncidentDocumentConfig),
  shapeIncident(variantIncident({ id: "inc-second", key: "10.30.1.12" }), defaultIncidentDocumentConfig),
];

interface Received {
  incidentId: string;
  status: number;
  signatureOk: boolean;
  idempotencyKey: string;
}

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function receiver(handler: Handler): Promise<string> {
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

/** The receiver recipe from processors/deliver/receiving-webhooks.md, step by step, with nothing from gapwatch's code. */
function verifyAsDocumented(req: IncomingMessage, rawBody: string): boolean {
  const timestamp = req.headers["x-gapwatch-timestamp"] as string;
  const signature = req.headers["x-gapwatch-signature"] as string;
  if (!timestamp || !signature) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = `v1=${createHmac("sha256", SECRET).update(`${timestamp}.${rawBody}`).digest("hex")}`;
  return signature.split(",").some((candidate) => {
    const a = Buffer.from(candidate.trim());
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  });
}

async function outboxDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "gw-outbox-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function jsonTarget(id: string, url: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    format: "json",
    url,
    secret: { env: "GW_TEST_SECRET" },
    route: { min_severity: "low" },
    timeout_ms: 500,
    retry: { base_ms: 20, max_ms: 80, give_up_after_ms: 60_000 },
    rate_limit: { per_minute: 6000, burst: 50 },
    ...extra,
  };
}

function stageFor(dir: string, targets: unknown[]) {
  const outbox = new FileOutbox(dir);
  const sender = new UndiciWebhookSender();
  const stage = new DeliveryStage(DeliveryConfig.parse({ targets, poll_ms: 20 }), {
    outbox,
    sender,
    env: { GW_TEST_SECRET: SECRET },
  });
  return { stage, outbox, sender };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("webhook delivery (real HTTP receivers)", () => {
  it("retries a receiver failing 3 times and delivers exactly once per incident, signed as documented", async () => {
    const received: Received[] = [];
    const failures = new Map<string, number>();
    const url = await receiver((req, body, res) => {
      const incidentId = JSON.parse(body).incident.incident_id as string;
      const failed = failures.get(incidentId) ?? 0;
      const status = failed < 3 ? 500 : 200;
      if (status === 500) failures.set(incidentId, failed + 1);
      received.push({
        incidentId,
        status,
        signatureOk: verifyAsDocumented(req, body),
        idempotencyKey: req.headers["x-gapwatch-idempotency-key"] as string,
      });
      res.writeHead(status).end(status === 200 ? "ok" : "boom");
    });
    const { stage, outbox, sender } = stageFor(await outboxDir(), [jsonTarget("soc-json", url)]);
    cleanups.push(async () => {
      await stage.stop();
      await outbox.close();
      await sender.close();
    });
    await stage.start();
    expect(await stage.submit(docs)).toEqual({ queued: 2, suppressed: 0 });
    // The same incidents again while their pages are being retried (a replay, a second rule firing): coalesced.
    await stage.submit(docs);
    await until(
      () => received.filter((r) => r.status === 200).length >= 2 && stage.stats().pending === 0,
      "deliveries",
    );
    // ...and once more after delivery: suppressed, nothing new goes out.
    expect(await stage.submit(docs)).toEqual({ queued: 0, suppressed: 2 });
    await new Promise((resolve) => setTimeout(resolve, 200));

    for (const doc of docs) {
      const forIncident = received.filter((r) => r.incidentId === doc.event.id);
      expect(forIncident.map((r) => r.status)).toEqual([500, 500, 500, 200]);
      expect(new Set(forIncident.map((r) => r.idempotencyKey)).size).toBe(1);
    }
    expect(received.every((r) => r.signatureOk)).toBe(true);
    expect(stage.stats()).toMatchObject({ delivered: 2, dead: 0, pending: 0 });
  });

  it("a receiver that never answers does not stall submit() or other targets, and ends in the dead letter", async () => {
    const silentHits: number[] = [];
    const silent = await receiver(() => silentHits.push(Date.now())); // never responds
    const healthy: string[] = [];
    const ok = await receiver((_req, body, res) => {
      healthy.push(JSON.parse(body).incident.incident_id);
      res.writeHead(200).end();
    });
    const dir = await outboxDir();
    const { stage, outbox, sender } = stageFor(dir, [
      jsonTarget("silent", silent, { timeout_ms: 200, retry: { base_ms: 20, max_ms: 40, give_up_after_ms: 1500 } }),
      jsonTarget("healthy", ok),
    ]);
    cleanups.push(async () => {
      await stage.stop();
      await outbox.close();
      await sender.close();
    });
    await stage.start();
    await stage.submit(docs);
    await until(() => healthy.length === 2, "the healthy target's deliveries");
    // submit() only waits for the outbox, never for receivers: it returns while the silent one still hangs.
    const next = shapeIncident(variantIncident({ id: "inc-third", key: "10.30.1.13" }), defaultIncidentDocumentConfig);
    expect(await stage.submit([next])).toEqual({ queued: 2, suppressed: 0 });
    await until(() => healthy.length === 3, "the third delivery");
    await until(() => stage.stats().dead === 3, "dead letters for the silent target");
    expect(silentHits.length).toBeGreaterThan(3);
    const dead = (await readFile(join(dir, "dead-letter.ndjson"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(dead.map((d) => d.target)).toEqual(["silent", "silent", "silent"]);
    expect(dead[0].reason).toMatch(/gave up after \d+ attempts.*timeout/);
    expect(JSON.stringify(dead)).not.toContain(SECRET);
  });

  it("a restart of the delivery worker mid-retry still delivers once, from the file outbox", async () => {
    let healthy = false;
    const statuses: number[] = [];
    const url = await receiver((req, body, res) => {
      const status = healthy ? 200 : 503;
      statuses.push(status);
      expect(verifyAsDocumented(req, body)).toBe(true);
      res.writeHead(status, status === 503 ? { "retry-after": "0" } : {}).end();
    });
    const dir = await outboxDir();
    const first = stageFor(dir, [jsonTarget("soc-json", url)]);
    await first.stage.start();
    await first.stage.submit(docs.slice(0, 1));
    await until(() => statuses.length >= 2, "some failed attempts");
    // Crash: the worker stops mid-retry without closing its outbox cleanly.
    await first.stage.stop();
    await first.sender.close();
    const attemptsBefore = statuses.length;

    healthy = true;
    const second = stageFor(dir, [jsonTarget("soc-json", url)]);
    cleanups.push(async () => {
      await second.stage.stop();
      await second.outbox.close();
      await second.sender.close();
    });
    await second.stage.start();
    expect(second.stage.stats().pending).toBe(1);
    await until(() => statuses.includes(200), "delivery after restart");
    await until(() => second.stage.stats().pending === 0, "outbox drained");
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.length).toBe(attemptsBefore + 1);
    // A replay of the same incident after the restart is recognised as already paged.
    expect(await second.stage.submit(docs.slice(0, 1))).toEqual({ queued: 0, suppressed: 1 });
  });
});
