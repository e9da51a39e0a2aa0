// Integration-test harness for `gapwatch run`: unique topics, consumer group and index per test, a temp
// config file, child processes spawned exactly as an operator would (`node bin/gapwatch.js run --config`),
// and helpers to produce raw records, read the dead-letter topic and search incidents in Elasticsearch.
// Everything it creates is deleted by cleanup().
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Kafka, logLevel } from "kafkajs";
import { afterEach } from "vitest";
import { stringify } from "yaml";
import type { SecureEndpoints } from "../../infra/local-stack/secure.ts";
import type { ScenarioRecord } from "../../processors/runtime/test-support/scenario.ts";
import { testStack } from "../support/stack.ts";
import { esFetcher } from "./runtime-es.ts";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const SITE = join(REPO, "mappings/site/plant-north.yaml");
export const RULES = join(REPO, "processors/runtime/test-support/rules");
export const LATENESS_MS = 3_600_000;

export interface RunEnv {
  id: string;
  dir: string;
  brokers: string[];
  esUrl: string;
  index: string;
  group: string;
  topics: {
    edr: string;
    zeek: string;
    events: string;
    identity: string;
    state: string;
    deadLetter: string;
    incidents: string;
    outbox: string;
  };
  configFile: string;
  latenessMs: number;
  kafka: Kafka;
  children: ChildProcess[];
  /** fetch() for the harness's own Elasticsearch calls (CA and credentials when secured). */
  esFetch: (url: string, init?: RequestInit) => Promise<Response>;
}

export interface RunEnvOptions {
  brokers: string[];
  esUrl: string;
  rawPartitions?: number;
  eventsPartitions?: number;
  /** Elasticsearch URL gapwatch uses (a proxy in the outage test); the harness itself uses esUrl. */
  gapwatchEsUrl?: string;
  runtime?: Record<string, unknown>;
  /** Allowed lateness; the default covers a whole scenario produced as a backlog. */
  latenessMs?: number;
  /** More raw topics (name suffixes, e.g. "ot.zeek.s7comm"), for simulator output. */
  extraRaw?: string[];
  site?: string;
  /** Rules directory; null = the built-in pack. */
  rules?: string | null;
  /** Secured endpoints: SASL/SCRAM over TLS to Kafka, basic auth over TLS to Elasticsearch. */
  secure?: SecureEndpoints;
  /** Overrides the Kafka password written into gapwatch's config (the wrong-password test). */
  gapwatchKafkaPassword?: string;
}

/**
 * A fresh run env per test, deleted after it (processes, topics, groups, index): call at the top of a test file,
 * then create each test's env with the returned function. A retried test gets new names, so it never sees the
 * failed attempt's records or incidents.
 */
export function runEnvPerTest(): (options?: Partial<RunEnvOptions>) => Promise<RunEnv> {
  let current: RunEnv | undefined;
  afterEach(async () => {
    if (current) await cleanup(current);
    current = undefined;
  });
  return async (options = {}) => {
    const stack = testStack();
    current = await createRunEnv({ brokers: stack.kafkaBrokers, esUrl: stack.esUrl, ...options });
    return current;
  };
}

export async function createRunEnv(options: RunEnvOptions): Promise<RunEnv> {
  const id = `rt-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
  const dir = await mkdtemp(join(tmpdir(), `gapwatch-${id}-`));
  const topics = {
    edr: `${id}.it.edr.defend`,
    zeek: `${id}.ot.zeek.modbus_detailed`,
    events: `${id}.events`,
    identity: `${id}.identity`,
    state: `${id}.state`,
    deadLetter: `${id}.dead-letter`,
    incidents: `${id}.incidents`,
    outbox: `${id}.outbox`,
  };
  const secure = options.secure;
  const ca = secure ? await readFile(secure.caFile, "utf8") : undefined;
  const kafka = new Kafka({
    brokers: options.brokers,
    clientId: id,
    logLevel: logLevel.NOTHING,
    ...(secure && ca
      ? {
          ssl: { ca: [ca] },
          sasl: {
            mechanism: "scram-sha-512" as const,
            username: secure.credentials.kafka.username,
            password: secure.credentials.kafka.password,
          },
        }
      : {}),
  });
  const esFetch = await esFetcher(secure, ca);
  const admin = kafka.admin();
  await admin.connect();
  const partitions = options.rawPartitions ?? 3;
  await admin.createTopics({
    waitForLeaders: true,
    topics: [topics.edr, topics.zeek, ...(options.extraRaw ?? []).map((x) => `${id}.${x}`)].map((topic) => ({
      topic,
      numPartitions: partitions,
      // Room for the poison corpus' oversized records (ingest refuses them, Kafka must not).
      configEntries: [{ name: "max.message.bytes", value: "4194304" }],
    })),
  });
  await admin.disconnect();
  const index = `${id}-incidents`;
  const internal = (name: string, parts: number, policy: "delete" | "compact") => ({
    name,
    partitions: parts,
    cleanup_policy: policy,
  });
  const config = {
    kafka: {
      brokers: options.brokers,
      consumer_group: `${id}-gw`,
      session_timeout_ms: 10_000,
      ...(secure
        ? {
            tls: { enabled: true, ca_file: secure.caFile },
            sasl: {
              mechanism: "scram-sha-512",
              username: secure.credentials.kafka.username,
              password: options.gapwatchKafkaPassword ?? secure.credentials.kafka.password,
            },
          }
        : {}),
    },
    topics: {
      raw: [
        { name: topics.edr, format: "auto" },
        { name: topics.zeek, format: "auto" },
        ...(options.extraRaw ?? []).map((x) => ({ name: `${id}.${x}`, format: "auto" })),
      ],
      events: internal(topics.events, options.eventsPartitions ?? 4, "delete"),
      identity: internal(topics.identity, 1, "compact"),
      state: internal(topics.state, 1, "compact"),
      dead_letter: { ...internal(topics.deadLetter, 1, "delete"), max_message_bytes: 8_388_608 },
      incidents: internal(topics.incidents, 1, "compact"),
      outbox: internal(topics.outbox, 1, "compact"),
    },
    elasticsearch: {
      node: options.gapwatchEsUrl ?? options.esUrl,
      index,
      partition: "none",
      retry: { max_ms: 2000 },
      ...(secure
        ? {
            auth: {
              username: secure.credentials.elasticsearch.username,
              password: secure.credentials.elasticsearch.password,
            },
            tls: { ca_file: secure.caFile },
          }
        : {}),
    },
    // The whole scenario is produced before (or while) gapwatch reads it: consuming a backlog, the raw
    // partitions are not read in event-time order, so the lateness must cover the scenario's span.
    detection: {
      site: options.site ?? SITE,
      ...(options.rules === null ? {} : { rules: options.rules ?? RULES }),
      allowed_lateness_ms: options.latenessMs ?? LATENESS_MS,
    },
    runtime: { snapshot_interval_ms: 1000, shutdown_timeout_ms: 8000, idle_watermark_ms: 3000, ...options.runtime },
    metrics: { port: 0, host: "127.0.0.1" },
    logging: { level: "info" },
  };
  const configFile = join(dir, "gapwatch.yaml");
  await writeFile(configFile, stringify(config));
  return {
    id,
    dir,
    brokers: options.brokers,
    esUrl: options.esUrl,
    index,
    group: `${id}-gw`,
    topics,
    configFile,
    latenessMs: options.latenessMs ?? LATENESS_MS,
    kafka,
    children: [],
    esFetch,
  };
}

/** Starts `gapwatch run` as a child process; its stderr (the JSON log) goes to <dir>/<name>.log. */
/** Starts `gapwatch run` on the env's config; `overrides` are GAPWATCH_* variables for this instance only. */
export function spawnRun(env: RunEnv, name: string, overrides: Record<string, string> = {}): ChildProcess {
  // The harness passes everything through the config file: GAPWATCH_* variables of the test runner
  // would override it (e.g. the outage test's proxy URL).
  const childEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("GAPWATCH_")));
  const child = spawn(process.execPath, [join(REPO, "bin/gapwatch.js"), "run", "--config", env.configFile], {
    cwd: REPO,
    env: { ...childEnv, GAPWATCH_LOGGING_LEVEL: process.env.GAPWATCH_TEST_LOG_LEVEL ?? "info", ...overrides },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.pipe(createWriteStream(join(env.dir, `${name}.log`), { flags: "a" }));
  env.children.push(child);
  return child;
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

export async function waitForLog(env: RunEnv, name: string, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !pattern.test(await readLog(env, name))) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until a sample of `metric` on the instance's /metrics (its port read from its log) passes `accept`. */
export async function waitForMetric(
  env: RunEnv,
  name: string,
  metric: RegExp,
  accept: (value: number) => boolean,
  timeoutMs = 30_000,
): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const port = /"port":(\d+),"message":"metrics and health endpoints listening"/.exec(await readLog(env, name))?.[1];
    const text = port
      ? await fetch(`http://127.0.0.1:${port}/metrics`).then(
          (r) => r.text(),
          () => "",
        )
      : "";
    for (const line of text.split("\n")) {
      if (!metric.test(line)) continue;
      const value = Number(line.slice(line.lastIndexOf(" ") + 1));
      if (accept(value)) return value;
    }
    if (Date.now() > until) throw new Error(`${name}: no ${metric} sample accepted within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function readLog(env: RunEnv, name: string): Promise<string> {
  return readFile(join(env.dir, `${name}.log`), "utf8").catch(() => "");
}

/** Produces scenario records to their raw topics; `partitionOf` picks the raw partition (default: by index). */
export async function produce(
  env: RunEnv,
  records: Array<ScenarioRecord | { stream: "edr" | "zeek"; value: string | Buffer }>,
  partitionOf: (index: number, record: { stream: string }) => number = (i) => i % 3,
): Promise<void> {
  const producer = env.kafka.producer();
  await producer.connect();
  const messages = records.map((r, i) => ({
    topic: r.stream === "edr" ? env.topics.edr : env.topics.zeek,
    messages: [{ value: r.value, partition: partitionOf(i, r) }],
  }));
  for (let i = 0; i < messages.length; i += 500) {
    await producer.sendBatch({ topicMessages: messages.slice(i, i + 500), acks: -1 });
  }
  await producer.disconnect();
}

/** Reads every record of the dead-letter topic (from a private group). */
export async function readTopic(
  env: RunEnv,
  topic: string,
  expected: number,
  timeoutMs: number,
): Promise<Array<{ value: Buffer | null; headers: Record<string, string> }>> {
  const consumer = env.kafka.consumer({ groupId: `${env.id}-reader-${randomBytes(3).toString("hex")}` });
  const out: Array<{ value: Buffer | null; headers: Record<string, string> }> = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(Array.isArray(v) ? v[0] : v);
      out.push({ value: message.value, headers });
    },
  });
  const until = Date.now() + timeoutMs;
  while (out.length < expected && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 500));
  await consumer.disconnect();
  return out;
}

export async function cleanup(env: RunEnv): Promise<void> {
  for (const child of env.children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  const admin = env.kafka.admin();
  await admin.connect();
  const mine = (await admin.listTopics()).filter((t) => t.startsWith(`${env.id}.`));
  if (mine.length > 0) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
  const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(env.id));
  if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
  await admin.disconnect();
  // Exact names: Elasticsearch refuses wildcard deletes (action.destructive_requires_name).
  await env.esFetch(`${env.esUrl}/${env.index}`, { method: "DELETE" }).catch(() => undefined);
  const { incidentTemplateName } = await import("../../mappings/elasticsearch/template.ts");
  await env
    .esFetch(`${env.esUrl}/_index_template/${incidentTemplateName(env.index)}`, { method: "DELETE" })
    .catch(() => undefined);
  if (!process.env.GAPWATCH_KEEP_TEST_DIR) await rm(env.dir, { recursive: true, force: true });
}

/** Produces records in event-time order in chunks, pausing between them (a live stream, not a backlog). */
export async function produceLive(
  env: RunEnv,
  records: ScenarioRecord[],
  chunk: number,
  pauseMs: number,
): Promise<void> {
  for (let i = 0; i < records.length; i += chunk) {
    await produce(env, records.slice(i, i + chunk), (n) => (i + n) % 3);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
