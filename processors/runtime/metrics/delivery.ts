// Exports the webhook delivery stage's counters (processors/deliver/telemetry.ts names) at scrape time.
import { Counter, Gauge, type Registry } from "prom-client";
import { DELIVERY_METRICS, type DeliveryStats } from "../../deliver/telemetry.ts";

export function registerDeliveryMetrics(registry: Registry, stats: () => DeliveryStats & { pending: number }): void {
  const last: DeliveryStats = { queued: 0, suppressed: 0, delivered: 0, retried: 0, dead: 0 };
  const help: Record<keyof DeliveryStats, string> = {
    queued: "Webhook pages queued in the outbox",
    suppressed: "Pages suppressed as repeats",
    delivered: "Pages delivered (2xx)",
    retried: "Delivery attempts retried",
    dead: "Pages given up and dead-lettered",
  };
  for (const key of Object.keys(help) as Array<keyof DeliveryStats>) {
    new Counter({
      name: DELIVERY_METRICS[key],
      help: help[key],
      registers: [registry],
      collect() {
        const now = stats()[key];
        if (now > last[key]) this.inc(now - last[key]);
        last[key] = now;
      },
    });
  }
  new Gauge({
    name: DELIVERY_METRICS.pending,
    help: "Pages waiting in the outbox for delivery or retry",
    registers: [registry],
    collect() {
      this.set(stats().pending);
    },
  });
}
