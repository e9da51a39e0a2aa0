// StateStore over a compacted Kafka topic: one record per owner (events partition), key = owner, value =
// the JSON snapshot with the offset it reflects. Loading reads the topic whole and keeps the latest
// record of each requested owner; compaction (short segments, see infra/topics.yaml) bounds that read.
import type { Kafka } from "kafkajs";
import type { Logger } from "pino";
import { StateError } from "../../errors.ts";
import type { StateSnapshot, StateStore } from "../../ports/state-store.ts";
import type { KafkaRecordSink } from "./sink.ts";
import { KafkaTableReader } from "./table-reader.ts";

export class KafkaStateStore implements StateStore {
  readonly #kafka: Kafka;
  readonly #sink: KafkaRecordSink;
  readonly #topic: string;
  readonly #groupPrefix: string;
  readonly #logger: Logger;

  constructor(kafka: Kafka, sink: KafkaRecordSink, topic: string, groupPrefix: string, logger: Logger) {
    this.#kafka = kafka;
    this.#sink = sink;
    this.#topic = topic;
    this.#groupPrefix = groupPrefix;
    this.#logger = logger.child({ component: "state-store", topic });
  }

  async load(owners: string[]): Promise<Map<string, StateSnapshot>> {
    const wanted = new Set(owners);
    const latest = new Map<string, StateSnapshot>();
    const reader = new KafkaTableReader(
      this.#kafka,
      { topic: this.#topic, groupPrefix: this.#groupPrefix, follow: false },
      this.#logger,
    );
    await reader.start((record) => {
      if (!record.key || !wanted.has(record.key)) return;
      if (record.value === null) {
        latest.delete(record.key);
        return;
      }
      try {
        latest.set(record.key, JSON.parse(Buffer.from(record.value).toString("utf8")) as StateSnapshot);
      } catch (cause) {
        throw new StateError("state.corrupt", `snapshot of ${record.key} is not valid JSON`, {
          location: { topic: record.topic, partition: record.partition, offset: record.offset },
          cause,
        });
      }
    });
    return latest;
  }

  async save(snapshot: StateSnapshot): Promise<number> {
    const json = JSON.stringify(snapshot);
    await this.#sink.send([{ topic: this.#topic, key: snapshot.owner, value: json }]);
    return Buffer.byteLength(json);
  }

  async close(): Promise<void> {}
}
