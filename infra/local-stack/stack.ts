// The local stack: one real Kafka broker and one real Elasticsearch node on 127.0.0.1, provisioned from Maven
// Central without Docker. `gapwatch stack up|down|status` and the test harness both use this module.
import { mkdirSync } from "node:fs";
import { ensureElasticsearch, ensureKafkaJars } from "./artifacts.ts";
import { esHealthy, esPid, esUrl, startElasticsearch, stopElasticsearch } from "./elasticsearch.ts";
import { findJdk } from "./java.ts";
import { kafkaBrokers, kafkaHealthy, kafkaPid, startKafka, stopKafka } from "./kafka.ts";
import { type StackLayout, stackLayout, versions } from "./paths.ts";
import { isAlive } from "./processes.ts";
import { type Progress, stderrProgress } from "./progress.ts";

export interface StackEndpoints {
  kafkaBrokers: string[];
  esUrl: string;
}

export interface ComponentStatus {
  name: "kafka" | "elasticsearch";
  version: string;
  endpoint: string;
  pid?: number;
  running: boolean;
  healthy: boolean;
  log: string;
}

export function endpoints(layout: StackLayout = stackLayout()): StackEndpoints {
  return { kafkaBrokers: kafkaBrokers(layout), esUrl: esUrl(layout) };
}

export async function stackStatus(layout: StackLayout = stackLayout()): Promise<ComponentStatus[]> {
  const kPid = kafkaPid(layout);
  const ePid = esPid(layout);
  return [
    {
      name: "kafka",
      version: versions.kafka,
      endpoint: kafkaBrokers(layout).join(","),
      ...(kPid === undefined ? {} : { pid: kPid }),
      running: kPid !== undefined && isAlive(kPid),
      healthy: await kafkaHealthy(layout).catch(() => false),
      log: layout.kafkaLog,
    },
    {
      name: "elasticsearch",
      version: versions.elasticsearch,
      endpoint: esUrl(layout),
      ...(ePid === undefined ? {} : { pid: ePid }),
      running: ePid !== undefined && isAlive(ePid),
      healthy: await esHealthy(layout).catch(() => false),
      log: layout.esLauncherLog,
    },
  ];
}

/**
 * Brings the stack up: downloads once (cached), starts what is not already healthy, waits for health.
 * Idempotent: a second call with the stack up returns in well under a second.
 */
export async function stackUp(progress: Progress = stderrProgress, layout = stackLayout()): Promise<StackEndpoints> {
  mkdirSync(layout.cacheDir, { recursive: true });
  const [kafka, es] = await stackStatus(layout);
  if (kafka?.healthy && es?.healthy) {
    progress(`already up: Kafka ${kafka.endpoint}, Elasticsearch ${es.endpoint}`);
    return endpoints(layout);
  }
  const jdk = findJdk(17);
  progress(`using Java ${jdk.major} at ${jdk.home}; cache ${layout.cacheDir}`);
  // One Maven at a time: two resolving into the same local repository can race on the same files.
  await ensureKafkaJars(layout, progress);
  await ensureElasticsearch(layout, progress);
  const starts: Promise<void>[] = [];
  // A component whose pid is alive but unhealthy is restarted rather than trusted.
  if (!kafka?.healthy) starts.push(stopKafka(layout).then(() => startKafka(layout, jdk, progress)));
  if (!es?.healthy) starts.push(stopElasticsearch(layout).then(() => startElasticsearch(layout, jdk, progress)));
  await Promise.all(starts);
  progress(`up: Kafka ${kafkaBrokers(layout).join(",")}, Elasticsearch ${esUrl(layout)}`);
  return endpoints(layout);
}

/** Stops both components and waits until no process of the stack is left. Data stays for the next `up`. */
export async function stackDown(progress: Progress = stderrProgress, layout = stackLayout()): Promise<void> {
  progress("stopping Kafka and Elasticsearch");
  await Promise.all([stopKafka(layout), stopElasticsearch(layout)]);
  progress("down");
}
