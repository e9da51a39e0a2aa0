// Record sink port: `send` resolves only when every record is durable (Kafka: acks=all acknowledged),
// which is the condition for committing the input offsets that produced them.
import type { OutputRecord } from "./record.ts";

export interface RecordSink {
  send(records: OutputRecord[]): Promise<void>;
  close(): Promise<void>;
}
