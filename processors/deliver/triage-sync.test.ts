// Triage read back from Elasticsearch becomes acknowledge/resolve exactly once per change, only for paged incidents
// (fake TriageReader and sender: gapwatch's own ports; the Elasticsearch query itself is in the integration test).
import { describe, expect, it } from "vitest";
import { defaultIncidentDocumentConfig } from "../incident/config.ts";
import { shapeIncident } from "../incident/core.ts";
import { pivotIncident, variantIncident } from "../incident/fixtures/pivot-incident.ts";
import type { IncidentDocument } from "../incident/schema.ts";
import type { WebhookRequest, WebhookSender } from "../runtime/ports/webhook-sender.ts";
import { DeliveryConfig } from "./config.ts";
import type { DeadLetter, DeliveryOutbox, OutboxRecord } from "./outbox.ts";
import { DeliveryStage } from "./stage.ts";
import { TriageSync } from "./triage-sync.ts";

const paged = shapeIncident(pivotIncident, defaultIncidentDocumentConfig);
const neverPaged = shapeIncident(variantIncident({ id: "inc-low", severity: "low" }), defaultIncidentDocumentConfig);
const withStatus = (doc: IncidentDocument, status: "acknowledged" | "closed") => ({
  ...doc,
  gapwatch: { ...doc.gapwatch, status },
});

describe("TriageSync", () => {
  it("sends acknowledge then resolve once each, never for incidents that were not paged", async () => {
    const sent: WebhookRequest[] = [];
    const sender: WebhookSender = {
      send: async (r) => {
        sent.push(r);
        return { kind: "response", status: 202, body: "" };
      },
      close: async () => {},
    };
    const records: OutboxRecord[] = [];
    const outbox: DeliveryOutbox = {
      load: async () => [],
      put: async (r) => void records.push(...r),
      deadLetter: async (_: DeadLetter) => {},
      close: async () => {},
    };
    const config = DeliveryConfig.parse({
      targets: [{ id: "pd", format: "pagerduty", routing_key: "k", route: { min_severity: "low" } }],
    });
    const stage = new DeliveryStage(config, { outbox, sender, env: {} });
    await stage.start();
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    await stage.submit([paged]);
    await settle();

    let triaged: IncidentDocument[] = [withStatus(paged, "acknowledged"), withStatus(neverPaged, "acknowledged")];
    const sync = new TriageSync({ triaged: async () => triaged }, stage, { ...config.triage_sync, enabled: true });
    expect(await sync.pollOnce()).toEqual({ read: 2, queued: 1 });
    await settle();
    expect(await sync.pollOnce()).toEqual({ read: 2, queued: 0 });
    triaged = [withStatus(paged, "closed")];
    expect(await sync.pollOnce()).toEqual({ read: 1, queued: 1 });
    await settle();
    const actions = sent.map((r) => JSON.parse(r.body)).map((b) => [b.event_action, b.dedup_key]);
    expect(actions).toEqual([
      ["trigger", paged.event.id],
      ["acknowledge", paged.event.id],
      ["resolve", paged.event.id],
    ]);
    await sync.stop();
    await stage.stop();
  });
});
