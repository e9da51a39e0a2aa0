// The delivery stage through in-memory fakes of its own ports (outbox, sender) and a driven clock.
import { describe, expect, it } from "vitest";
import { defaultIncidentDocumentConfig } from "../incident/config.ts";
import { shapeIncident } from "../incident/core.ts";
import { pivotIncident } from "../incident/fixtures/pivot-incident.ts";
import type { WebhookRequest, WebhookResult, WebhookSender } from "../runtime/ports/webhook-sender.ts";
import { DeliveryConfig } from "./config.ts";
import type { DeadLetter, DeliveryOutbox, OutboxRecord } from "./outbox.ts";
import { DeliveryStage } from "./stage.ts";

class MemoryOutbox implements DeliveryOutbox {
  log: OutboxRecord[] = [];
  dead: DeadLetter[] = [];
  async load() {
    const latest = new Map(this.log.map((r) => [r.key, r]));
    return [...latest.values()].filter((r) => r.pending || r.delivered);
  }
  async put(records: readonly OutboxRecord[]) {
    this.log.push(...records);
  }
  async deadLetter(entry: DeadLetter) {
    this.dead.push(entry);
  }
  async close() {}
}

class ScriptedSender implements WebhookSender {
  requests: WebhookRequest[] = [];
  constructor(private readonly script: (n: number) => WebhookResult) {}
  async send(request: WebhookRequest) {
    this.requests.push(request);
    return this.script(this.requests.length);
  }
  async close() {}
}

const doc = shapeIncident(pivotIncident, defaultIncidentDocumentConfig);
const config = DeliveryConfig.parse({
  poll_ms: 10_000,
  targets: [
    {
      id: "pd",
      format: "pagerduty",
      routing_key: "key",
      route: { min_severity: "high" },
      retry: { base_ms: 100, max_ms: 100 },
      repeat: { renotify_after_ms: 3_600_000 },
    },
  ],
});

function setup(script: (n: number) => WebhookResult) {
  let now = Date.parse("2026-11-20T12:00:00.000Z");
  const outbox = new MemoryOutbox();
  const sender = new ScriptedSender(script);
  const stage = new DeliveryStage(config, { outbox, sender, now: () => now, random: () => 1 - 1e-9, env: {} });
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  const advance = async (ms: number) => {
    now += ms;
    (stage as unknown as { tick(): void }).tick();
    await settle();
  };
  return { stage, outbox, sender, advance, settle };
}

describe("DeliveryStage", () => {
  it("pages once, suppresses repeats, re-pages on escalation", async () => {
    const { stage, sender, settle } = setup(() => ({ kind: "response", status: 202, body: "" }));
    await stage.start();
    await stage.submit([doc]);
    await settle();
    await stage.submit([doc]);
    await settle();
    expect(sender.requests).toHaveLength(1);
    const later = { ...doc, gapwatch: { ...doc.gapwatch, last_seen: "2026-11-20T10:30:00.000Z" } };
    expect(await stage.submit([later])).toEqual({ queued: 0, suppressed: 1 });
    const lower = shapeIncident({ ...pivotIncident, severity: "high" }, defaultIncidentDocumentConfig);
    const firstHigh = await stage.submit([lower]);
    expect(firstHigh.suppressed).toBe(1);
    await stage.stop();
  });

  it("retries on the backoff schedule and dead-letters a refusal with its reason", async () => {
    const { stage, outbox, sender, advance, settle } = setup((n) =>
      n < 3
        ? { kind: "response", status: 502, body: "bad gateway" }
        : { kind: "response", status: 400, body: "invalid routing key" },
    );
    await stage.start();
    await stage.submit([doc]);
    await settle();
    expect(sender.requests).toHaveLength(1);
    await advance(50); // not due yet (backoff 100 ms)
    expect(sender.requests).toHaveLength(1);
    await advance(60);
    expect(sender.requests).toHaveLength(2);
    await advance(200);
    expect(sender.requests).toHaveLength(3);
    expect(outbox.dead).toHaveLength(1);
    expect(outbox.dead[0]).toMatchObject({
      target: "pd",
      incident_id: pivotIncident.id,
      attempts: 3,
      reason: "receiver refused it (HTTP 400: invalid routing key)",
    });
    expect(stage.stats()).toMatchObject({ dead: 1, retried: 2, pending: 0 });
    await stage.stop();
  });

  it("refuses to start when a secret's environment variable is missing, naming the variable only", async () => {
    const bad = DeliveryConfig.parse({
      targets: [{ id: "pd", format: "pagerduty", routing_key: { env: "PD_ROUTING_KEY" } }],
    });
    const stage = new DeliveryStage(bad, {
      outbox: new MemoryOutbox(),
      sender: new ScriptedSender(() => ({ kind: "response", status: 202, body: "" })),
      env: {},
    });
    await expect(stage.start()).rejects.toThrow(/target pd: environment variable PD_ROUTING_KEY is not set/);
  });
});
