// The demo over Kafka and Elasticsearch: creates this run's topics, starts gapwatch in-process (the same
// service `gapwatch run` starts), streams the simulated plant into the raw topics at a time-compression
// factor, and polls Elasticsearch for incidents, printing each the moment it becomes searchable.
import { mkdir, writeFile } from "node:fs/promises";
import { createEsClient } from "../../runtime/adapters/elasticsearch/client.ts";
import { EsSinkConfig } from "../../runtime/adapters/elasticsearch/config.ts";
import { createKafka } from "../../runtime/adapters/kafka/client.ts";
import { GapwatchConfig } from "../../runtime/config/schema.ts";
import { createLogger } from "../../runtime/logger.ts";
import { startService } from "../../runtime/service.ts";
import type { Simulation } from "../core.ts";
import { toIncidentView } from "../incident-view.ts";
import { openKafkaTarget } from "../kafka-target.ts";
import { siteYaml } from "../site-yaml.ts";
import { streamSimulation } from "../stream.ts";
import { simulatorTopics } from "../topics.ts";
import { chainsWithExpectedIncident, type IncidentView, scoreIncidents } from "../truth.ts";
import { type DemoOutput, type DemoResult, printIncident } from "./report.ts";

export interface OnlineDemoOptions {
  brokers: string[];
  esUrl: string;
  runId: string;
  dir: string;
  compression: number;
  /** How long to wait after the last record for the last incidents (ms). */
  settleMs: number;
  keepTopics: boolean;
  /** Incident index (default gapwatch-incidents, what the Kibana objects read). */
  index?: string;
}

const DEFAULT_INDEX = "gapwatch-incidents";

/** The service's own counters, read from its /metrics endpoint: what it read, dropped and judged late. */
async function pipelineCounters(port: number): Promise<string> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`)
    .then((r) => r.text())
    .catch(() => "");
  const sum = (name: string) =>
    text
      .split("\n")
      .filter((l) => l.startsWith(name))
      .reduce((total, l) => total + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
  return `gapwatch read ${sum("gapwatch_route_records_in_total")} records, ${sum("gapwatch_route_dead_letters_total")} dead letters, ${sum("gapwatch_correlate_late_events")} late events, ${sum("gapwatch_correlate_incidents_total")} incident versions`;
}

/** Topics created a moment ago may not be in every broker's metadata yet: retry the start a few times. */
async function startWithRetry(config: GapwatchConfig, logger: ReturnType<typeof createLogger>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startService(config, logger);
    } catch (error) {
      if (attempt >= 4 || !/does not host this topic-partition|leader/i.test(String(error))) throw error;
      process.stderr.write(`demo: gapwatch did not start (${String(error)}), retrying\n`);
      await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
    }
  }
}

export async function runOnlineDemo(
  simulation: Simulation,
  options: OnlineDemoOptions,
  out: DemoOutput,
): Promise<DemoResult> {
  const INDEX = options.index ?? DEFAULT_INDEX;

  await mkdir(options.dir, { recursive: true });
  const sitePath = `${options.dir}/site.yaml`;
  await writeFile(sitePath, siteYaml(simulation.plant));
  const prefix = `demo-${options.runId}.`;
  const internal = (name: string, partitions: number, cleanup_policy: "delete" | "compact") => ({
    name: `${prefix}${name}`,
    partitions,
    cleanup_policy,
  });
  const config = GapwatchConfig.parse({
    kafka: { brokers: options.brokers, client_id: "gapwatch-demo", consumer_group: `gapwatch-demo-${options.runId}` },
    topics: {
      raw: simulatorTopics(prefix).map((name) => ({ name, format: "auto" })),
      events: internal("gapwatch.events", 3, "delete"),
      identity: internal("gapwatch.identity", 1, "compact"),
      state: { ...internal("gapwatch.state", 1, "compact"), max_message_bytes: 67_108_864 },
      dead_letter: internal("gapwatch.dead-letter", 1, "delete"),
      incidents: internal("gapwatch.incidents", 1, "compact"),
      outbox: internal("gapwatch.outbox", 1, "delete"),
    },
    elasticsearch: { node: options.esUrl, index: INDEX },
    // Time compression multiplies pipeline delay in event time (1 s of Kafka round trip at 60x is a minute):
    // derived events for the next hop of a path must not fall behind that partition's watermark.
    detection: {
      site: sitePath,
      allowed_lateness_ms: Math.min(300_000, Math.max(60_000, options.compression * 10_000)),
    },
    runtime: { idle_watermark_ms: 2_000, instance_id: `demo-${options.runId}` },
    metrics: { port: 0, host: "127.0.0.1" },
    logging: { level: "error" },
  });
  out.progress(`creating topics ${prefix}* on ${options.brokers.join(",")}`);
  const target = await openKafkaTarget(options.brokers, simulatorTopics(prefix));
  const logger = createLogger("error");
  out.progress("starting gapwatch (route -> correlate -> Elasticsearch)");
  let service: Awaited<ReturnType<typeof startService>>;
  try {
    service = await startWithRetry(config, logger);
  } catch (error) {
    await target.close();
    throw error;
  }
  const es = createEsClient(EsSinkConfig.parse({ node: options.esUrl }));
  const started = Date.now();
  const startedIso = new Date(started - 1000).toISOString();
  const seen = new Map<string, IncidentView>();
  const acked = new Map<string, number>();
  const detectedAt = new Map<string, number>();
  let streaming = true;
  let lastAck = Date.now();
  const poll = async () => {
    const response = await es
      .search({
        index: `${INDEX}*`,
        size: 1000,
        query: { range: { "event.ingested": { gte: startedIso } } },
        sort: [{ "event.ingested": "asc" }],
      })
      .catch(() => undefined);
    if (!response) return;
    const now = Date.now();
    for (const hit of response.hits.hits) {
      const view = toIncidentView(hit._source);
      const known = seen.has(view.id);
      seen.set(view.id, view);
      if (!known) printIncident(out, view, "opened");
    }
    for (const chain of chainsWithExpectedIncident(simulation.truth, [...seen.values()])) {
      if (acked.has(chain) && !detectedAt.has(chain)) detectedAt.set(chain, now);
    }
  };
  let records = 0;
  try {
    const poller = (async () => {
      for (;;) {
        await poll();
        const settled =
          !streaming && (detectedAt.size === simulation.truth.length || Date.now() - lastAck > options.settleMs);
        if (settled) return;
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    out.progress(
      `streaming ${simulation.config.durationMinutes} simulated minutes at ${options.compression}x into ${prefix}*`,
    );
    const streamed = await streamSimulation(simulation, {
      sink: target,
      compression: options.compression,
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      topicName: (t) => `${prefix}${t}`,
      onChainComplete: (chain, at) => {
        acked.set(chain, at);
        lastAck = at;
      },
    });
    records = streamed.records;
    lastAck = Date.now();
    streaming = false;
    out.progress("all records delivered; waiting for the last incidents");
    await poller;
    out.progress(await pipelineCounters(service.opsPort));
  } finally {
    await service.stop("demo finished");
    await service.done;
    await target.close();
    if (!options.keepTopics) {
      const admin = createKafka(config.kafka, logger).admin();
      await admin.connect();
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
      await admin.deleteTopics({ topics: mine }).catch(() => undefined);
      await admin.disconnect();
    }
    await es.close();
  }
  const incidents = [...seen.values()];
  const latencyMs: Record<string, number> = {};
  for (const [chain, at] of detectedAt) latencyMs[chain] = Math.max(0, at - (acked.get(chain) ?? at));
  return {
    mode: "kafka",
    card: scoreIncidents(simulation.truth, incidents),
    incidents,
    latencyMs,
    records,
    elapsedMs: Date.now() - started,
    where: [
      `incidents are in Elasticsearch ${options.esUrl}, index ${INDEX}-* (e.g. curl '${options.esUrl}/${INDEX}-*/_search?q=event.kind:alert&pretty')`,
      `Kibana: import the data view, searches and dashboard with curl -X POST "$KIBANA_URL/api/saved_objects/_import?overwrite=true" -H "kbn-xsrf: true" --form file=@mappings/kibana/gapwatch.ndjson (see mappings/kibana/README.md)`,
      `the same records offline: gapwatch demo --offline, or gapwatch simulate --out sim && gapwatch replay sim/records --site sim/site.yaml`,
    ],
  };
}
