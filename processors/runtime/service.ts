// `gapwatch run` as a service: wires the topology (topology.ts) onto Kafka and Elasticsearch, serves
// /metrics /healthz /readyz, and stops gracefully: stop fetching, finish or abandon the batch in progress,
// snapshot + commit every owned partition, flush sinks, leave the groups, all within shutdown_timeout_ms.
import { hostname } from "node:os";
import type { Logger } from "pino";
import { DeliveryStage } from "../deliver/stage.ts";
import { TriageSync } from "../deliver/triage-sync.ts";
import type { IncidentDocument } from "../incident/schema.ts";
import { openEsIncidentSink } from "./adapters/elasticsearch/open.ts";
import { ensureTopics, groupCaughtUp } from "./adapters/kafka/admin.ts";
import { createKafka } from "./adapters/kafka/client.ts";
import { KafkaOutbox } from "./adapters/kafka/outbox.ts";
import { KafkaRecordSink } from "./adapters/kafka/sink.ts";
import { KafkaRecordSource } from "./adapters/kafka/source.ts";
import { KafkaStateStore } from "./adapters/kafka/state-store.ts";
import { KafkaTableReader } from "./adapters/kafka/table-reader.ts";
import { UndiciWebhookSender } from "./adapters/webhook/undici-sender.ts";
import { bindStages } from "./bind-stages.ts";
import type { GapwatchConfig } from "./config/schema.ts";
import { INTERNAL_TOPIC_ROLES } from "./config/topics.ts";
import { createCorrelateStage, type IncidentWriter } from "./correlate-stage.ts";
import { ConfigError } from "./errors.ts";
import { registerDeliveryMetrics } from "./metrics/delivery.ts";
import { startOpsServer } from "./metrics/http.ts";
import { createRuntimeMetrics } from "./metrics/registry.ts";
import { systemClock } from "./ports/clock.ts";
import type { TriageReader } from "./ports/incident-sink.ts";
import { createRouteStage } from "./route-stage.ts";
import { describeTopology, renderTopology } from "./topology.ts";
import { decodeLease } from "./wire.ts";

export interface Service {
  opsPort: number;
  /** Resolves when the service stopped (after stop() or a fatal error); the value is the exit code. */
  done: Promise<number>;
  stop(reason: string): Promise<void>;
}

export async function startService(config: GapwatchConfig, logger: Logger): Promise<Service> {
  const instance = config.runtime.instance_id ?? `${hostname()}-${process.pid}`;
  const log = logger.child({ "service.node.name": instance });
  const metrics = createRuntimeMetrics();
  const roles = new Set(config.runtime.roles);
  const state = { ready: false, fatal: null as string | null, phase: "starting" };
  const ops = await startOpsServer(
    metrics.registry,
    { notReady: () => (state.ready ? null : state.phase), unhealthy: () => state.fatal },
    config.metrics,
  );
  const cleanups: Array<() => Promise<unknown>> = [() => ops.close()];
  // Closed in parallel: each is bounded by its client's own timeouts, and the sum must fit the shutdown bound.
  const closeAll = async () => {
    await Promise.all(
      cleanups.map(async (cleanup, i) => {
        const started = Date.now();
        await cleanup().catch(() => undefined);
        log.debug({ cleanup: i, ms: Date.now() - started }, "closed");
      }),
    );
  };
  try {
    log.info({ topology: renderTopology(describeTopology(config)) }, "starting gapwatch");
    const kafka = createKafka(config.kafka, log);
    state.phase = "checking topics";
    const admin = kafka.admin();
    await admin.connect();
    try {
      const internal = INTERNAL_TOPIC_ROLES.map((role) => config.topics[role]);
      await ensureTopics(admin, internal, config.kafka.replication_factor);
      if (roles.has("route")) {
        const existing = new Set(await admin.listTopics());
        const missing = config.topics.raw.filter((r) => !existing.has(r.name)).map((r) => r.name);
        if (missing.length > 0) {
          throw new ConfigError("topic.missing", `raw topic(s) ${missing.join(", ")} do not exist`, {
            location: { field: "topics.raw", topic: missing[0] },
          });
        }
      }
    } finally {
      await admin.disconnect();
    }

    state.phase = "loading site model and rules";
    const stages = await bindStages({
      sitePath: config.detection.site,
      ...(config.detection.rules ? { rulesDir: config.detection.rules } : {}),
      allowedLatenessMs: config.detection.allowed_lateness_ms,
      eager: config.detection.eager_match,
      stateBounds: {
        maxEntriesPerRule: config.detection.state_bounds.max_entries_per_rule,
        ttlMs: config.detection.state_bounds.ttl_ms,
      },
      ...(config.incident ? { incident: config.incident } : {}),
      checkEventTimeBounds: true,
    });
    log.info({ rules: stages.ruleCount }, "site model and rules loaded");

    const sink = new KafkaRecordSink(kafka);
    await sink.connect();
    cleanups.push(() => sink.close());
    const group = config.kafka.consumer_group;
    const topics = config.topics;

    const writers: IncidentWriter[] = [];
    /** Analysts' triage read back from Elasticsearch (for acknowledge/resolve pages), when it is configured. */
    let triageReader: TriageReader | undefined;
    const toDocs = (incidents: Parameters<IncidentWriter["write"]>[0]) =>
      incidents.map((i) => stages.toEcs(i) as unknown as IncidentDocument);
    if (roles.has("correlate") && config.elasticsearch) {
      state.phase = "connecting to Elasticsearch";
      const es = await openEsIncidentSink(config.elasticsearch, {
        onReject: (rejected) => {
          metrics.sinkErrors.inc({ sink: "elasticsearch" });
          log.error(
            { incident: rejected.id, status: rejected.status, type: rejected.type, reason: rejected.reason },
            "incident rejected by Elasticsearch",
          );
        },
      });
      cleanups.push(() => es.sink.close());
      triageReader = es.triage;
      writers.push({
        name: "elasticsearch",
        write: async (incidents) => void (await es.sink.write(toDocs(incidents))),
      });
    }
    writers.push({
      name: "incidents-topic",
      write: (incidents) =>
        sink.send(
          toDocs(incidents).map((doc, i) => ({
            topic: topics.incidents.name,
            key: incidents[i]!.id,
            value: JSON.stringify(doc),
          })),
        ),
    });
    if (roles.has("correlate") && config.delivery?.targets.length) {
      const outbox = new KafkaOutbox(
        kafka,
        sink,
        { outbox: topics.outbox.name, deadLetter: topics.dead_letter.name },
        group,
        log,
      );
      const delivery = new DeliveryStage(config.delivery, {
        outbox,
        sender: new UndiciWebhookSender(),
        log: { info: (f, m) => log.info(f, m), warn: (f, m) => log.warn(f, m) },
      });
      await delivery.start();
      registerDeliveryMetrics(metrics.registry, () => delivery.stats());
      cleanups.push(() => delivery.stop());
      // The config schema requires elasticsearch when triage sync is on.
      if (config.delivery.triage_sync.enabled && triageReader) {
        // Kibana triage -> on-call: incidents analysts acknowledged or closed become acknowledge/resolve pages.
        const triage = new TriageSync(triageReader, delivery, config.delivery.triage_sync, {
          log: { info: (f, m) => log.info(f, m), warn: (f, m) => log.warn(f, m) },
        });
        triage.start();
        cleanups.push(() => triage.stop());
      }
      writers.push({
        name: "webhook-outbox",
        write: async (incidents) => void (await delivery.submit(toDocs(incidents))),
      });
    }

    const stopping: Array<() => void> = [];
    const sources: KafkaRecordSource[] = [];
    const onFatal = (error: Error) => {
      state.fatal = `consumer crashed: ${error.message}`;
      void stop("fatal consumer error", 1);
    };
    const sourceOptions = {
      sessionTimeoutMs: config.kafka.session_timeout_ms,
      heartbeatIntervalMs: config.kafka.heartbeat_interval_ms,
      maxBytesPerPartition: config.kafka.max_bytes_per_partition,
      fromBeginning: true,
    };

    let correlate: ReturnType<typeof createCorrelateStage> | undefined;
    if (roles.has("correlate")) {
      // The route group's progress, for the idle watermark (an admin connection kept for the process's life).
      const progress = kafka.admin();
      await progress.connect();
      cleanups.push(() => progress.disconnect());
      const rawTopics = topics.raw.map((r) => r.name);
      const source = new KafkaRecordSource(
        kafka,
        { ...sourceOptions, groupId: `${group}.correlate`, topics: [topics.events.name] },
        log,
      );
      source.onFatal = onFatal;
      sources.push(source);
      stopping.push(() => source.quiesce());
      correlate = createCorrelateStage({
        stages,
        source,
        sink,
        store: new KafkaStateStore(kafka, sink, topics.state.name, group, log),
        writers,
        eventsTopic: topics.events.name,
        group: `${group}.correlate`,
        snapshotIntervalMs: config.runtime.snapshot_interval_ms,
        idleWatermarkMs: config.runtime.idle_watermark_ms,
        upstreamIdle: () => groupCaughtUp(progress, `${group}.route`, rawTopics),
        maxGenerations: config.detection.max_derived_generations,
        heartbeatMs: config.kafka.heartbeat_interval_ms,
        clock: systemClock,
        metrics,
        logger: log,
      });
    }

    if (roles.has("route")) {
      state.phase = "loading the identity table";
      const identity = stages.createIdentity();
      let applied = 0;
      const reader = new KafkaTableReader(
        kafka,
        { topic: topics.identity.name, groupPrefix: group, follow: true },
        log,
      );
      await reader.start((record) => {
        const lease = decodeLease(record);
        if (!lease) return;
        identity.apply(lease);
        applied += 1;
        metrics.identityLeases.set(applied);
      });
      cleanups.push(() => reader.stop());
      const source = new KafkaRecordSource(
        kafka,
        { ...sourceOptions, groupId: `${group}.route`, topics: topics.raw.map((r) => r.name) },
        log,
      );
      source.onFatal = onFatal;
      sources.push(source);
      stopping.push(() => source.quiesce());
      const route = createRouteStage({
        stages,
        identity,
        source,
        sink,
        formats: new Map(topics.raw.map((r) => [r.name, r.format])),
        topics: { events: topics.events.name, deadLetter: topics.dead_letter.name, identity: topics.identity.name },
        group: `${group}.route`,
        metrics,
        logger: log,
        heartbeatMs: config.kafka.heartbeat_interval_ms,
        alignmentMs: config.runtime.alignment_ms,
        deadLetterMaxBytes: Math.max(4096, (topics.dead_letter.max_message_bytes ?? 1_048_576) - 65_536),
      });
      await route.start();
    }
    if (correlate) await correlate.start();
    state.phase = "joining consumer groups";
    const readyTimer = setInterval(() => {
      if (sources.every((s) => s.joined)) {
        state.ready = true;
        clearInterval(readyTimer);
        log.info("ready");
      }
    }, 200);
    cleanups.push(async () => clearInterval(readyTimer));

    let resolveDone: (code: number) => void = () => undefined;
    const done = new Promise<number>((resolve) => {
      resolveDone = resolve;
    });
    let stopped: Promise<void> | undefined;
    const stop = (reason: string, code = 0): Promise<void> => {
      stopped ??= (async () => {
        state.ready = false;
        state.phase = "stopping";
        const started = Date.now();
        log.info({ reason }, "stopping");
        for (const quiesce of stopping) quiesce();
        const graceful = (async () => {
          if (correlate) await correlate.checkpointAll();
          log.info({ ms: Date.now() - started }, "state checkpointed");
          await Promise.all(sources.map((s) => s.stop()));
          log.info({ ms: Date.now() - started }, "consumer groups left");
          await closeAll();
        })();
        const timedOut = await Promise.race([
          graceful.then(() => false),
          new Promise<boolean>((resolve) =>
            setTimeout(() => resolve(true), config.runtime.shutdown_timeout_ms).unref(),
          ),
        ]);
        log.info({ ms: Date.now() - started, timed_out: timedOut }, "stopped");
        resolveDone(timedOut && code === 0 ? 1 : code);
      })();
      return stopped;
    };
    return { opsPort: ops.port, done, stop: (reason) => stop(reason) };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
