// Builds the HTTP request for one delivery attempt, adding the target's secrets at the last moment.
import type { WebhookRequest } from "../../runtime/ports/webhook-sender.ts";
import { resolveSecret, type WebhookTarget } from "../config.ts";
import type { Notification } from "../notification.ts";
import { SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from "../sign.ts";
import { idempotencyKey, jsonEnvelope } from "./json.ts";
import { pagerDutyBody } from "./pagerduty.ts";
import { slackBody } from "./slack.ts";

export function kibanaLinkFor(kibanaUrl: string | undefined, incidentId: string): string | undefined {
  if (!kibanaUrl) return undefined;
  const query = encodeURIComponent(`event.id:"${incidentId}"`);
  return `${kibanaUrl.replace(/\/$/, "")}/app/discover#/?_a=(query:(language:kuery,query:'${query}'))`;
}

export function buildRequest(
  target: WebhookTarget,
  notification: Notification,
  context: { env: Record<string, string | undefined>; nowS: number; kibanaUrl?: string },
): WebhookRequest {
  const link = kibanaLinkFor(context.kibanaUrl, notification.incident_id);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "gapwatch" };
  switch (target.format) {
    case "pagerduty": {
      const body = JSON.stringify(pagerDutyBody(notification, resolveSecret(target.routing_key, context.env), link));
      return { url: target.url, headers, body, timeoutMs: target.timeout_ms };
    }
    case "slack": {
      const body = JSON.stringify(slackBody(notification, link));
      return { url: resolveSecret(target.url, context.env), headers, body, timeoutMs: target.timeout_ms };
    }
    case "json": {
      const body = JSON.stringify(jsonEnvelope(notification, link));
      headers[TIMESTAMP_HEADER] = String(context.nowS);
      headers[SIGNATURE_HEADER] = signBody(resolveSecret(target.secret, context.env), context.nowS, body);
      headers["x-gapwatch-idempotency-key"] = idempotencyKey(notification);
      return { url: target.url, headers, body, timeoutMs: target.timeout_ms };
    }
  }
}
