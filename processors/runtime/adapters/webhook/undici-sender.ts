// The WebhookSender over undici: one pooled dispatcher, connect/headers/body timeouts plus an overall abort, the
// response body read (bounded) so the connection is reused. Errors are reported without the URL, which may be a
// secret (Slack), and never thrown.
import { Agent, request } from "undici";
import type { WebhookRequest, WebhookResult, WebhookSender } from "../../ports/webhook-sender.ts";

const BODY_KEEP = 1024;

export class UndiciWebhookSender implements WebhookSender {
  private readonly agent: Agent;

  constructor(options: { connectTimeoutMs?: number; connections?: number } = {}) {
    this.agent = new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 5000 },
      connections: options.connections ?? 16,
      keepAliveTimeout: 10_000,
    });
  }

  async send(req: WebhookRequest, signal?: AbortSignal): Promise<WebhookResult> {
    const deadline = AbortSignal.timeout(req.timeoutMs);
    const abort = signal ? AbortSignal.any([signal, deadline]) : deadline;
    try {
      const response = await request(req.url, {
        method: "POST",
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        signal: abort,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
      let body = "";
      for await (const chunk of response.body) {
        if (body.length < BODY_KEEP) body += chunk.toString();
      }
      const retryAfter = response.headers["retry-after"];
      return {
        kind: "response",
        status: response.statusCode,
        body: body.slice(0, BODY_KEEP),
        ...(typeof retryAfter === "string" ? { retryAfter } : {}),
      };
    } catch (error) {
      const timeout = deadline.aborted || /timeout/i.test((error as Error)?.name ?? "");
      return { kind: "error", error: describe(error, req.url), timeout };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function describe(error: unknown, url: string): string {
  const err = error as { name?: string; code?: string; message?: string };
  const text = [err.code, err.name, err.message].filter(Boolean).join(": ") || String(error);
  return text.split(url).join("<url>");
}
