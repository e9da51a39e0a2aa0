// In-memory RecordSink: keeps what was sent per topic; `failNext` simulates an unavailable sink.
import type { OutputRecord } from "../../ports/record.ts";
import type { RecordSink } from "../../ports/record-sink.ts";

export class MemoryRecordSink implements RecordSink {
  readonly records: OutputRecord[] = [];
  failures = 0;

  async send(records: OutputRecord[]): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error("memory sink unavailable");
    }
    this.records.push(...records);
  }

  byTopic(topic: string): OutputRecord[] {
    return this.records.filter((r) => r.topic === topic);
  }

  async close(): Promise<void> {}
}
