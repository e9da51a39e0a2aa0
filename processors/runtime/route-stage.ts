// The route stage over ports: raw records -> decode (declared format or auto-detect) -> identity learn
// -> enrich -> one internal record per routing key. Bad records become dead letters (original bytes and
// headers, source coordinates, reason). A batch's offsets are committed only after all of its outputs
// (events, dead letters, identity updates) are acknowledged; a re-routed batch after a crash produces
// records the correlate stage recognises as duplicates by their origin position.
import type { Logger } from "pino";
import { createAlignment } from "./alignment.ts";
import { writeDurably } from "./durability.ts";
import type { RuntimeMetrics } from "./metrics/registry.ts";
import { routeEvent } from "./pipeline.ts";
import type { OutputRecord } from "./ports/record.ts";
import type { RecordSink } from "./ports/record-sink.ts";
import type { RecordBatch, RecordSource } from "./ports/record-source.ts";
import type { IdentityTable, RawRecord, Stages } from "./stages.ts";
import { encodeDeadLetter, encodeLease, encodeRoutedEvent } from "./wire.ts";

export interface RouteStageOptions {
  stages: Stages;
  identity: IdentityTable;
  source: RecordSource;
  sink: RecordSink;
  /** Declared format per raw topic ("auto" = detect per record). */
  formats: Map<string, string>;
  topics: { events: string; deadLetter: string; identity: string };
  /** Largest original kept whole in a dead letter (the dead-letter topic's max.message.bytes minus headroom). */
  deadLetterMaxBytes: number;
  group: string;
  metrics: RuntimeMetrics;
  logger: Logger;
  heartbeatMs: number;
  /** Event-time alignment between raw partitions with a backlog (0 = off); see createAlignment. */
  alignmentMs: number;
}

export interface RouteStage {
  start(): Promise<void>;
  /** Number of batches completed (for tests and readiness). */
  readonly batches: number;
}

export function createRouteStage(options: RouteStageOptions): RouteStage {
  const { stages, identity, source, sink, metrics, topics } = options;
  const logger = options.logger.child({ stage: "route" });
  let batches = 0;
  const alignment = createAlignment(source, options.alignmentMs);

  async function onBatch(batch: RecordBatch): Promise<void> {
    const limit = alignment.limit(batch);
    let reached = Number.NEGATIVE_INFINITY;
    let processed: (typeof batch.records)[number] | undefined;
    const format = options.formats.get(batch.topic);
    const decodeFormat = format === undefined || format === "auto" ? undefined : format;
    const outputs: OutputRecord[] = [];
    const origin = `${batch.topic}:${batch.partition}`;
    for (const record of batch.records) {
      const provenance = { topic: record.topic, partition: record.partition, offset: record.offset };
      if (record.value === null || record.value.length === 0) {
        processed = record;
        metrics.recordsIn.inc({ topic: batch.topic });
        metrics.deadLetters.inc({ topic: batch.topic, reason: "record.empty" });
        outputs.push(
          encodeDeadLetter(topics.deadLetter, {
            code: "record.empty",
            reason: "record has no value (tombstone or empty)",
            provenance,
            original: new Uint8Array(0),
            headers: record.headers,
          }),
        );
        continue;
      }
      const raw: RawRecord = { value: record.value, provenance, headers: record.headers };
      const decoded = safeDecode(stages, raw, decodeFormat);
      const time = maxEventTime(decoded.events);
      if (time > limit) {
        // Ahead of the slowest partition with a backlog: stop here, this record is read again later.
        if (!processed) alignment.update(batch, time, false);
        break;
      }
      if (time > reached) reached = time;
      processed = record;
      metrics.recordsIn.inc({ topic: batch.topic });
      for (const dead of decoded.deadLetters) {
        metrics.deadLetters.inc({ topic: batch.topic, reason: dead.code });
        outputs.push(
          encodeDeadLetter(
            topics.deadLetter,
            { ...dead, original: record.value, headers: record.headers },
            options.deadLetterMaxBytes,
          ),
        );
      }
      let seq = 0;
      const offset = BigInt(record.offset);
      for (const event of decoded.events) {
        metrics.eventsIn.inc({ topic: batch.topic, format: event.gapwatch?.provenance?.format ?? "unknown" });
        let result: ReturnType<typeof routeEvent>;
        try {
          result = routeEvent(stages, identity, event);
        } catch (error) {
          // A bug in enrichment or key extraction must not stop the partition either.
          metrics.deadLetters.inc({ topic: batch.topic, reason: "route.exception" });
          const reason = `routing threw: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
          outputs.push(
            encodeDeadLetter(topics.deadLetter, {
              code: "route.exception",
              reason,
              provenance,
              original: record.value,
              headers: record.headers,
            }),
          );
          continue;
        }
        for (const lease of result.leases) outputs.push(encodeLease(topics.identity, lease));
        // Every routed copy carries the same enriched event: serialise it once.
        let json: string | undefined;
        for (const routed of result.routed) {
          json ??= JSON.stringify(routed.event);
          outputs.push(encodeRoutedEvent(topics.events, routed, { origin, offset, seq }, json));
          seq += 1;
        }
        metrics.eventsOut.inc({ topic: topics.events }, result.routed.length);
      }
    }
    const durable = await writeDurably(() => sink.send(outputs), {
      sink: "kafka",
      heartbeat: batch.heartbeat,
      isActive: batch.isActive,
      logger,
      heartbeatMs: options.heartbeatMs,
      onAttemptFailed: () => metrics.sinkErrors.inc({ sink: "kafka" }),
      onBlocked: (blocked) => metrics.sinkWaiting.set({ stage: "route" }, blocked ? 1 : 0),
    });
    if (!durable) {
      logger.info(
        { topic: batch.topic, partition: batch.partition },
        "batch abandoned before its outputs were durable",
      );
      return;
    }
    const last = processed;
    if (!last) return;
    const next = (BigInt(last.offset) + 1n).toString();
    batch.markProcessed(last.offset);
    await source.commit([{ topic: batch.topic, partition: batch.partition, offset: next }]);
    metrics.consumerLag.set(
      { group: options.group, topic: batch.topic, partition: String(batch.partition) },
      Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(next))),
    );
    batches += 1;
    alignment.update(batch, reached, BigInt(next) >= BigInt(batch.highWatermark));
  }

  return {
    start: () =>
      source.start({
        onBatch,
        onAssigned: async (partitions) => {
          alignment.reset();
          alignment.assigned(partitions);
        },
        onRevoked: async () => alignment.reset(),
      }),
    get batches() {
      return batches;
    },
  };
}

function maxEventTime(events: Array<{ "@timestamp": string }>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    const time = Date.parse(event["@timestamp"]);
    if (Number.isFinite(time) && time > max) max = time;
  }
  return max;
}

/** A bug in a normaliser must not stop the partition (STYLE.md 9): it becomes a dead letter too. */
function safeDecode(stages: Stages, raw: RawRecord, format: string | undefined) {
  try {
    return stages.decode(raw, format);
  } catch (error) {
    return {
      events: [],
      deadLetters: [
        {
          code: "ingest.exception",
          reason: `normaliser threw: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500),
          provenance: raw.provenance,
          original: raw.value,
        },
      ],
    };
  }
}
