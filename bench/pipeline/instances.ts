// gapwatch under test: N `gapwatch run` processes in one consumer group on the benchmark's raw topic, each
// with its own metrics port; the harness reads their Prometheus metrics to know when every record has gone
// through route and correlate (all lags zero), and stops them with SIGTERM (graceful: flush and commit).
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface InstanceSetup {
  brokers: string[];
  esUrl: string;
  rawTopic: string;
  /** Unique prefix for the internal topics, the consumer group and the incident index. */
  prefix: string;
  sitePath: string;
  dir: string;
  eventsPartitions: number;
}

/** gapwatch's default allowed lateness, stated so the latency figures can be read against it. */
export const ALLOWED_LATENESS_MS = 60_000;

export function incidentIndex(prefix: string): string {
  return `${prefix}-incidents`.toLowerCase();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function writeConfig(setup: InstanceSetup, port: number, name: string): Promise<string> {
  const t = (suffix: string, partitions: number, cleanup_policy: "delete" | "compact") => ({
    name: `${setup.prefix}.${suffix}`,
    partitions,
    cleanup_policy,
  });
  const config = {
    kafka: { brokers: setup.brokers, client_id: `gapwatch-${name}`, consumer_group: setup.prefix },
    topics: {
      raw: [{ name: setup.rawTopic, format: "auto" }],
      events: t("events", setup.eventsPartitions, "delete"),
      identity: t("identity", 1, "compact"),
      state: { ...t("state", 1, "compact"), max_message_bytes: 67_108_864 },
      dead_letter: t("dead-letter", 1, "delete"),
      incidents: t("incidents", 1, "compact"),
      outbox: t("outbox", 1, "delete"),
    },
    elasticsearch: { node: setup.esUrl, index: incidentIndex(setup.prefix), partition: "none" },
    detection: { site: setup.sitePath, allowed_lateness_ms: ALLOWED_LATENESS_MS },
    runtime: { instance_id: name, idle_watermark_ms: 2_000 },
    metrics: { port, host: "127.0.0.1" },
    logging: { level: "warn" },
  };
  const file = path.join(setup.dir, `${name}.yaml`);
  await writeFile(file, stringify(config));
  return file;
}

export interface Instance {
  name: string;
  port: number;
  child: ChildProcess;
  stderr: string[];
}

export async function startInstances(setup: InstanceSetup, count: number): Promise<Instance[]> {
  const out: Instance[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${setup.prefix}-i${i}`;
    const port = await freePort();
    const config = await writeConfig(setup, port, name);
    const child = spawn(process.execPath, [path.join(repo, "bin/gapwatch.js"), "run", "--config", config], {
      cwd: repo,
      stdio: ["ignore", "ignore", "pipe"],
    });
    const stderr: string[] = [];
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr.push(chunk.toString());
      if (stderr.length > 200) stderr.shift();
    });
    out.push({ name, port, child, stderr });
  }
  return out;
}

export async function stopInstances(instances: Instance[]): Promise<void> {
  await Promise.all(
    instances.map(
      (instance) =>
        new Promise<void>((resolve) => {
          if (instance.child.exitCode !== null) return resolve();
          const kill = setTimeout(() => instance.child.kill("SIGKILL"), 15_000);
          instance.child.once("exit", () => {
            clearTimeout(kill);
            resolve();
          });
          instance.child.kill("SIGTERM");
        }),
    ),
  );
}

/** Sum of one metric (all label sets) per instance, plus the lag series. */
export interface Scrape {
  recordsIn: number;
  incidents: number;
  /** Lag per group/topic/partition as each instance last saw it. */
  lags: Array<{ group: string; partition: string; value: number }>;
  rssBytes: number;
}

async function scrapeOne(instance: Instance): Promise<Scrape | undefined> {
  const response = await fetch(`http://127.0.0.1:${instance.port}/metrics`).catch(() => undefined);
  if (!response?.ok) return undefined;
  const text = await response.text();
  const scrape: Scrape = { recordsIn: 0, incidents: 0, lags: [], rssBytes: 0 };
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || line === "") continue;
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (line.startsWith("gapwatch_route_records_in_total")) scrape.recordsIn += value;
    else if (line.startsWith("gapwatch_correlate_incidents_total")) scrape.incidents += value;
    else if (line.startsWith("process_resident_memory_bytes")) scrape.rssBytes += value;
    else if (line.startsWith("gapwatch_consumer_lag_records")) {
      const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(line)?.[1] ?? "";
      scrape.lags.push({ group: label("group"), partition: `${label("topic")}/${label("partition")}`, value });
    }
  }
  return scrape;
}

/** Resident set of the instance processes (Linux /proc), summed. */
function rssOf(instances: Instance[]): number {
  let total = 0;
  for (const instance of instances) {
    try {
      const status = readFileSync(`/proc/${instance.child.pid}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // not Linux, or the process is gone
    }
  }
  return total;
}

export async function scrapeAll(instances: Instance[]): Promise<Scrape> {
  const total: Scrape = { recordsIn: 0, incidents: 0, lags: [], rssBytes: 0 };
  for (const s of await Promise.all(instances.map(scrapeOne))) {
    if (!s) continue;
    total.recordsIn += s.recordsIn;
    total.incidents += s.incidents;
    total.rssBytes += s.rssBytes;
    total.lags.push(...s.lags);
  }
  return total;
}

export interface Throughput {
  eventsPerSecond: number;
  seconds: number;
  peakRssBytes: number;
  incidents: number;
}

/**
 * Waits until the instances have read `expected` raw records and every route and correlate lag is zero;
 * timed from the first record read to that moment (polled every 200 ms).
 */
export async function measureThroughput(
  instances: Instance[],
  expected: number,
  timeoutMs: number,
): Promise<Throughput> {
  const deadline = Date.now() + timeoutMs;
  let first = 0;
  let peakRssBytes = 0;
  for (;;) {
    for (const instance of instances) {
      if (instance.child.exitCode !== null)
        throw new Error(`${instance.name} exited ${instance.child.exitCode}: ${instance.stderr.join("").slice(-2000)}`);
    }
    const scrape = await scrapeAll(instances);
    const now = performance.now();
    peakRssBytes = Math.max(peakRssBytes, rssOf(instances));
    if (first === 0 && scrape.recordsIn > 0) first = now;
    // After a rebalance the previous owner keeps its last gauge value: the current owner's (lowest) counts.
    const lag = new Map<string, number>();
    for (const l of scrape.lags) {
      const key = `${l.group} ${l.partition}`;
      lag.set(key, Math.min(lag.get(key) ?? Number.POSITIVE_INFINITY, l.value));
    }
    const correlateSeen = [...lag.keys()].some((k) => k.split(" ")[0]!.endsWith("correlate"));
    if (scrape.recordsIn >= expected && correlateSeen && [...lag.values()].every((v) => v === 0)) {
      const seconds = (now - first) / 1000;
      return { eventsPerSecond: expected / seconds, seconds, peakRssBytes, incidents: scrape.incidents };
    }
    if (Date.now() > deadline)
      throw new Error(`pipeline read ${scrape.recordsIn}/${expected} records before the timeout`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
