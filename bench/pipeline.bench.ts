// End-to-end figures (issue 8): gapwatch over real Kafka and Elasticsearch against the limits of the same
// machine, all measured in one run so the ratios hold on a noisy box.
//  - limit: the raw topic read by a counting kafkajs consumer, and by Kafka's ConsumerPerformance;
//  - gapwatch: route -> correlate -> sinks with the built-in pack over the same topic, 1 and 2 instances;
//  - detection latency: last record of a chain acknowledged by Kafka -> incident searchable in Elasticsearch;
//  - RSS and serialised state vs tracked entities (in a child process);
//  - the batch alternative: bulk-indexing the same records into Elasticsearch.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { versions } from "../infra/local-stack/paths.ts";
import {
  benchKafka,
  buildDataset,
  createTopic,
  deleteTopicsWithPrefix,
  produceAll,
  topicSize,
} from "./pipeline/dataset.ts";
import { benchEndpoints } from "./pipeline/endpoints.ts";
import { deleteIndices, esBulkIndex } from "./pipeline/es-bulk.ts";
import {
  ALLOWED_LATENESS_MS,
  incidentIndex,
  measureThroughput,
  startInstances,
  stopInstances,
  type Throughput,
} from "./pipeline/instances.ts";
import { measureDetectionLatency } from "./pipeline/latency.ts";
import { javaConsumerPerformance, kafkajsCountingConsume } from "./pipeline/raw-consume.ts";
import type { BenchFigures, BenchOptions } from "./run.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const exec = promisify(execFile);

function packageVersion(name: string): string {
  return (
    JSON.parse(readFileSync(path.join(repo, "node_modules", name, "package.json"), "utf8")) as { version: string }
  ).version;
}

async function stateAt(sitePath: string, entities: number): Promise<Record<string, number>> {
  const { stdout } = await exec(
    process.execPath,
    [
      "--expose-gc",
      "--max-old-space-size=8192",
      "--import",
      "tsx",
      path.join(repo, "bench/pipeline/state-rss.ts"),
      sitePath,
      String(entities),
    ],
    { cwd: repo, timeout: 600_000, maxBuffer: 10_000_000 },
  );
  return JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, number>;
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

/** Latency rounds stream 16 simulated minutes each at this factor (8 s of wall time per round). */
const LATENCY_COMPRESSION = 120;

export async function run(options: BenchOptions): Promise<BenchFigures> {
  const quick = options.quick;
  const out: BenchFigures = {};
  const endpoints = await benchEndpoints();
  const dataset = await buildDataset(quick ? 40 : 240, quick ? 150 : 300);
  const count = dataset.messages.length;
  const id = `bench-${Date.now().toString(36)}`;
  const kafka = benchKafka(endpoints.kafkaBrokers, id);
  const rawTopic = `${id}.raw`;
  Object.assign(out, {
    pipeline_bench_endpoints: endpoints.source,
    pipeline_bench_records: count,
    pipeline_bench_attack_records: dataset.attackRecords,
    pipeline_bench_mean_record_bytes: round(dataset.bytes / count),
    pipeline_bench_kafka_version: versions.kafka,
    pipeline_bench_kafkajs_version: packageVersion("kafkajs"),
    pipeline_bench_es_client_version: packageVersion("@elastic/elasticsearch"),
  });
  try {
    await createTopic(kafka, rawTopic, 2);
    out.pipeline_bench_produce_events_per_s = round(await produceAll(kafka, rawTopic, dataset.messages));
    const raw = await kafkajsCountingConsume(kafka, rawTopic, count, `${id}-raw`);
    out.raw_consume_events_per_s = round(raw);
    const java = await javaConsumerPerformance(endpoints.kafkaBrokers, rawTopic, count).catch(() => undefined);
    if (java !== undefined) {
      out.raw_consume_java_events_per_s = round(java);
      out.raw_consume_kafkajs_vs_java_ratio = round(raw / java, 3);
    }

    const throughputs: Record<number, Throughput> = {};
    for (const instances of [1, 2]) {
      const prefix = `${id}-x${instances}`;
      const started = await startInstances(
        {
          brokers: endpoints.kafkaBrokers,
          esUrl: endpoints.esUrl,
          rawTopic,
          prefix,
          sitePath: dataset.sitePath,
          dir: dataset.dir,
          eventsPartitions: 2,
        },
        instances,
      );
      try {
        // The latency rounds append to the topic: each measurement reads whatever the topic holds.
        const size = await topicSize(kafka, rawTopic);
        throughputs[instances] = await measureThroughput(started, size, quick ? 150_000 : 600_000);
        process.stderr.write(
          `bench: pipeline x${instances}: ${size} records in ${throughputs[instances]!.seconds.toFixed(1)} s\n`,
        );
        if (instances === 1) {
          const latency = await measureDetectionLatency(
            kafka,
            endpoints.esUrl,
            rawTopic,
            incidentIndex(prefix),
            quick ? 2 : 6,
            Date.parse(dataset.simulation.config.start),
            LATENCY_COMPRESSION,
          );
          Object.assign(out, {
            detection_latency_ms_p50: latency.p50,
            detection_latency_ms_p99: latency.p99,
            detection_latency_ms_max: latency.max,
            detection_latency_samples: latency.samples,
            detection_latency_chains_missed: latency.missed,
            // The slowest sample of each chain: which rule kinds set the tail (match rules fire on arrival,
            // windowed kinds when the watermark passes the chain's last event).
            ...Object.fromEntries(
              Object.entries(latency.byChain).map(([chain, ms]) => [
                `detection_latency_ms_max_${chain.replace(/#\d+$/, "").replace(/[^a-z0-9]+/g, "_")}`,
                Math.max(...ms),
              ]),
            ),
            // Match rules fire on arrival; windowed kinds once the watermark (max event time - allowed lateness)
            // passes the event: at compression c about lateness / c of wall time (60 s in real time).
            detection_latency_stream_compression: LATENCY_COMPRESSION,
            detection_latency_allowed_lateness_ms: ALLOWED_LATENESS_MS,
          });
        }
      } finally {
        await stopInstances(started);
      }
    }
    const one = throughputs[1]!;
    const two = throughputs[2]!;
    Object.assign(out, {
      pipeline_events_per_s: round(one.eventsPerSecond),
      pipeline_seconds: round(one.seconds, 2),
      pipeline_incidents: one.incidents,
      pipeline_peak_rss_bytes: one.peakRssBytes,
      pipeline_2_instances_events_per_s: round(two.eventsPerSecond),
      pipeline_2_instances_peak_rss_bytes: two.peakRssBytes,
      pipeline_2_vs_1_instances_ratio: round(two.eventsPerSecond / one.eventsPerSecond, 3),
      pipeline_vs_raw_consume_ratio: round(one.eventsPerSecond / raw, 3),
      pipeline_2_instances_vs_raw_consume_ratio: round(two.eventsPerSecond / raw, 3),
    });

    const bulk = await esBulkIndex(endpoints.esUrl, `${id}-bulk`, dataset.messages);
    Object.assign(out, {
      es_bulk_index_events_per_s: round(bulk.docsPerSecond),
      es_bulk_index_failed: bulk.failed,
      pipeline_bench_es_version: bulk.esVersion,
      pipeline_vs_es_bulk_ratio: round(one.eventsPerSecond / bulk.docsPerSecond, 3),
    });

    for (const entities of quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]) {
      const label = entities >= 1_000_000 ? `${entities / 1_000_000}m` : `${entities / 1000}k`;
      const state = await stateAt(dataset.sitePath, entities).catch((error: unknown) => ({
        error: String(error).slice(0, 200),
      }));
      if ("error" in state) {
        out[`pipeline_state_error_at_${label}`] = state.error;
        continue;
      }
      const reached = state.entities!;
      Object.assign(out, {
        [`pipeline_state_entities_reached_at_${label}`]: reached,
        [`pipeline_rss_bytes_at_${label}_entities`]: state.rss!,
        [`pipeline_heap_bytes_per_entity_at_${label}`]: round(state.heapDelta! / reached),
        [`pipeline_snapshot_bytes_per_entity_at_${label}`]:
          state.snapshotBytes! < 0 ? -1 : round(state.snapshotBytes! / reached),
        [`pipeline_in_process_events_per_s_at_${label}`]: round(state.eventsPerSecond!),
      });
      // The headline: heap held per tracked entity with enriched events and the whole pack, at the largest step.
      out.state_bytes_per_entity = round(state.heapDelta! / reached);
      out.state_bytes_per_entity_measured_at = reached;
    }
  } finally {
    await deleteTopicsWithPrefix(kafka, id).catch(() => undefined);
    await deleteIndices(endpoints.esUrl, id).catch(() => undefined);
  }
  return out;
}
