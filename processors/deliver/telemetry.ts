// Metric and log event names of the delivery stage, declared once (STYLE.md 2). Log lines carry target id,
// incident id, action, attempts and error text: never URLs, headers, bodies or secrets.
export const DELIVERY_METRICS = {
  queued: "gapwatch_deliver_queued_total",
  suppressed: "gapwatch_deliver_suppressed_total",
  delivered: "gapwatch_deliver_delivered_total",
  retried: "gapwatch_deliver_retried_total",
  dead: "gapwatch_deliver_dead_letter_total",
  pending: "gapwatch_deliver_pending",
} as const;

export const DELIVERY_LOG = {
  delivered: "deliver.delivered",
  retry: "deliver.retry",
  dead: "deliver.dead_letter",
  expiryFailed: "deliver.expiry_failed",
} as const;

export interface DeliveryStats {
  queued: number;
  suppressed: number;
  delivered: number;
  retried: number;
  dead: number;
}

export function emptyStats(): DeliveryStats {
  return { queued: 0, suppressed: 0, delivered: 0, retried: 0, dead: 0 };
}
