// One HTTP POST to a webhook receiver, with a timeout, never throwing for network trouble: the delivery stage
// decides what a status, a timeout or a refused connection means (retry, give up, honour Retry-After).
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Whole-request budget (connect + headers + body), in ms. */
  timeoutMs: number;
}

/**
 * A response (with `retryAfter` when sent, and the first KiB of the body), or a network error/timeout whose text
 * never contains the URL (it can carry a secret, e.g. a Slack webhook path).
 */
export type WebhookResult =
  | { kind: "response"; status: number; retryAfter?: string; body: string }
  | { kind: "error"; error: string; timeout: boolean };

export interface WebhookSender {
  send(request: WebhookRequest, signal?: AbortSignal): Promise<WebhookResult>;
  close(): Promise<void>;
}
