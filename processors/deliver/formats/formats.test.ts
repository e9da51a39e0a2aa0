import { describe, expect, it } from "vitest";
import { defaultIncidentDocumentConfig } from "../../incident/config.ts";
import { shapeIncident } from "../../incident/core.ts";
import { pivotIncident } from "../../incident/fixtures/pivot-incident.ts";
import { WebhookTarget } from "../config.ts";
import { toNotification } from "../notification.ts";
import { signBody, verifySignature } from "../sign.ts";
import { buildRequest } from "./request.ts";

const doc = shapeIncident(pivotIncident, defaultIncidentDocumentConfig);
const notification = toNotification(doc);
const env = { PD_KEY: "R0UT1NGKEY", SLACK_URL: "https://hooks.slack.example/services/T/B/secret", SIGN: "s3cret" };
const context = { env, nowS: 1_800_000_000, kibanaUrl: "https://kibana.example" };

describe("PagerDuty Events API v2", () => {
  const target = WebhookTarget.parse({ id: "pd", format: "pagerduty", routing_key: { env: "PD_KEY" } });
  it("triggers with dedup_key = incident id and mapped severity", () => {
    const request = buildRequest(target, notification, context);
    const body = JSON.parse(request.body);
    expect(request.url).toBe("https://events.pagerduty.com/v2/enqueue");
    expect(body).toMatchObject({ routing_key: "R0UT1NGKEY", event_action: "trigger", dedup_key: pivotIncident.id });
    expect(body.payload).toMatchObject({
      severity: "critical",
      source: "plc-03",
      component: "plc-03",
      group: "cell-1",
      class: "gw-xd-0001",
    });
    expect(body.payload.summary.length).toBeLessThanOrEqual(1024);
    expect(body.payload.custom_details.pivot_path).toEqual([
      "laptop-07 [corp-it] via edr_alert",
      "jump-01 [ot-dmz] via rdp",
      "ews-01 [ops-l2] via rdp",
      "plc-03 [cell-1] via modbus/write",
    ]);
    expect(body.links[0].href).toContain("https://kibana.example/app/discover");
  });
  it("acknowledges and resolves by dedup_key only, and maps every severity", () => {
    const body = JSON.parse(buildRequest(target, { ...notification, action: "resolve" }, context).body);
    expect(body).toEqual({ routing_key: "R0UT1NGKEY", event_action: "resolve", dedup_key: pivotIncident.id });
    const severities = (["low", "medium", "high"] as const).map(
      (severity) => JSON.parse(buildRequest(target, { ...notification, severity }, context).body).payload.severity,
    );
    expect(severities).toEqual(["info", "warning", "error"]);
  });
});

describe("Slack incoming webhook", () => {
  it("posts blocks with the message and the pivot path, to the secret URL", () => {
    const target = WebhookTarget.parse({ id: "slack", format: "slack", url: { env: "SLACK_URL" } });
    const request = buildRequest(target, notification, context);
    expect(request.url).toBe(env.SLACK_URL);
    const body = JSON.parse(request.body);
    expect(body.text).toContain("CRITICAL: IT-to-OT pivot ending in a controller write");
    const texts = JSON.stringify(body.blocks);
    expect(body.blocks[0].type).toBe("header");
    expect(texts).toContain("*Pivot path*");
    expect(texts).toContain("4. `10:04:11Z` *plc-03* (cell-1, L1) via modbus/write");
    expect(texts).toContain("<https://kibana.example/app/discover");
  });
});

describe("signed generic JSON", () => {
  it("signs timestamp.body with HMAC-SHA256 and a receiver can verify it", () => {
    const target = WebhookTarget.parse({
      id: "soar",
      format: "json",
      url: "https://soar.example/hook",
      secret: { env: "SIGN" },
    });
    const request = buildRequest(target, notification, context);
    expect(request.headers["x-gapwatch-timestamp"]).toBe("1800000000");
    expect(request.headers["x-gapwatch-signature"]).toBe(signBody("s3cret", 1_800_000_000, request.body));
    const headers = {
      timestamp: request.headers["x-gapwatch-timestamp"],
      signature: request.headers["x-gapwatch-signature"],
    };
    expect(verifySignature("s3cret", headers, request.body, 1_800_000_010)).toBe(true);
    expect(verifySignature("wrong", headers, request.body, 1_800_000_010)).toBe(false);
    expect(verifySignature("s3cret", headers, `${request.body} `, 1_800_000_010)).toBe(false);
    expect(verifySignature("s3cret", headers, request.body, 1_800_000_400)).toBe(false);
    expect(JSON.parse(request.body)).toMatchObject({
      version: 1,
      action: "trigger",
      incident: { incident_id: pivotIncident.id },
    });
    expect(request.body).not.toContain("s3cret");
  });
});
