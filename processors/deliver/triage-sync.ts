// Kibana triage → on-call: polls the incidents analysts acknowledged or closed (TriageReader, Elasticsearch) and
// submits them to the delivery stage, which turns them into acknowledge/resolve for the targets that were paged
// (suppress.ts forwards each change of status once). A failed poll is logged and retried at the next interval.
import type { IncidentDocument } from "../incident/schema.ts";
import type { TriageReader } from "../runtime/ports/incident-sink.ts";
import type { DeliveryConfig } from "./config.ts";
import type { DeliveryLogger } from "./stage.ts";

export interface TriageSubmitter {
  submit(documents: readonly IncidentDocument[]): Promise<{ queued: number; suppressed: number }>;
}

export class TriageSync {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private polling?: Promise<unknown>;

  constructor(
    private readonly reader: TriageReader,
    private readonly stage: TriageSubmitter,
    private readonly options: DeliveryConfig["triage_sync"],
    private readonly deps: { now?: () => number; log?: DeliveryLogger } = {},
  ) {}

  async pollOnce(): Promise<{ read: number; queued: number }> {
    const now = (this.deps.now ?? Date.now)();
    const since = new Date(now - this.options.lookback_ms).toISOString();
    const documents = await this.reader.triaged({ since, limit: this.options.limit });
    const { queued } = await this.stage.submit(documents);
    return { read: documents.length, queued };
  }

  start(): void {
    if (!this.options.enabled || this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = this.pollOnce()
        .catch((error: unknown) =>
          this.deps.log?.warn({ error: (error as Error).message }, "deliver.triage_sync_failed"),
        )
        .finally(() => this.start());
    }, this.options.interval_ms);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
  }
}
