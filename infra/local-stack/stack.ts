// The local stack: one real Kafka broker and one real Elasticsearch node on 127.0.0.1, provisioned from Maven
// Central without Docker; with `secure`, also a secured Elasticsearch node, and always a SASL/SCRAM-over-TLS
// listener on the broker. `gapwatch stack up|down|status` and the test harness both use this module.
import { mkdirSync, writeFileSync } from "node:fs";
import { ensureElasticsearch, ensureKafkaJars } from "./artifacts.ts";
import {
  type EsNode,
  esPid,
  nodeHealthy,
  nodeUrl,
  plainNode,
  secureNode,
  startNode,
  stopNode,
} from "./elasticsearch.ts";
import { findJdk } from "./java.ts";
import {
  ensureScramUser,
  kafkaBrokers,
  kafkaHealthy,
  kafkaPid,
  secureKafkaBrokers,
  startKafka,
  stopKafka,
} from "./kafka.ts";
import { type StackLayout, stackLayout, versions } from "./paths.ts";
import { isAlive } from "./processes.ts";
import { type Progress, stderrProgress } from "./progress.ts";
import { ensureSecureMaterial, readSecureEndpoints, type SecureEndpoints, secureEndpointsFile } from "./secure.ts";

export interface StackEndpoints {
  kafkaBrokers: string[];
  esUrl: string;
}

export interface ComponentStatus {
  name: "kafka" | EsNode["name"];
  version: string;
  endpoint: string;
  pid?: number;
  running: boolean;
  healthy: boolean;
  log: string;
}

export function endpoints(layout: StackLayout = stackLayout()): StackEndpoints {
  return { kafkaBrokers: kafkaBrokers(layout), esUrl: nodeUrl(plainNode(layout)) };
}

async function nodeStatus(layout: StackLayout, node: EsNode): Promise<ComponentStatus> {
  const pid = esPid(node);
  const credentials = node.secure ? readSecureEndpoints(layout)?.credentials : undefined;
  return {
    name: node.name,
    version: versions.elasticsearch,
    endpoint: nodeUrl(node),
    ...(pid === undefined ? {} : { pid }),
    running: pid !== undefined && isAlive(pid),
    healthy: await nodeHealthy(node, credentials).catch(() => false),
    log: node.launcherLog,
  };
}

/** Kafka and the plain Elasticsearch node, then the secured node when it was ever started. */
export async function stackStatus(layout: StackLayout = stackLayout()): Promise<ComponentStatus[]> {
  const kPid = kafkaPid(layout);
  const status: ComponentStatus[] = [
    {
      name: "kafka",
      version: versions.kafka,
      endpoint: `${kafkaBrokers(layout).join(",")} (SASL_SSL ${secureKafkaBrokers(layout).join(",")})`,
      ...(kPid === undefined ? {} : { pid: kPid }),
      running: kPid !== undefined && isAlive(kPid),
      healthy: await kafkaHealthy(layout).catch(() => false),
      log: layout.kafkaLog,
    },
    await nodeStatus(layout, plainNode(layout)),
  ];
  if (readSecureEndpoints(layout)) status.push(await nodeStatus(layout, secureNode(layout)));
  return status;
}

export interface StackUpOptions {
  /** Also start the Elasticsearch node with security on. */
  secure?: boolean;
  progress?: Progress;
  layout?: StackLayout;
}

/**
 * Brings the stack up: downloads once (cached), starts what is not already healthy, waits for health.
 * Idempotent: a second call with the stack up returns in well under a second.
 */
export async function stackUp(options: StackUpOptions = {}): Promise<StackEndpoints> {
  const { progress = stderrProgress, layout = stackLayout(), secure = false } = options;
  mkdirSync(layout.cacheDir, { recursive: true });
  const secureWanted = secure || readSecureEndpoints(layout) !== undefined;
  const current = await stackStatus(layout);
  const healthy = (name: ComponentStatus["name"]) => current.find((c) => c.name === name)?.healthy === true;
  const needed: ComponentStatus["name"][] = [
    "kafka",
    "elasticsearch",
    ...(secure ? ["elasticsearch-secure" as const] : []),
  ];
  if (needed.every(healthy)) {
    progress(`already up: Kafka ${kafkaBrokers(layout).join(",")}, Elasticsearch ${nodeUrl(plainNode(layout))}`);
    return endpoints(layout);
  }
  const jdk = findJdk(17);
  progress(`using Java ${jdk.major} at ${jdk.home}; cache ${layout.cacheDir}`);
  // One Maven at a time: two resolving into the same local repository can race on the same files.
  await ensureKafkaJars(layout, progress);
  await ensureElasticsearch(layout, progress);
  const material = ensureSecureMaterial(layout);
  const starts: Promise<void>[] = [];
  // A component whose pid is alive but unhealthy is restarted rather than trusted.
  if (!healthy("kafka")) starts.push(stopKafka(layout).then(() => startKafka(layout, jdk, material.files, progress)));
  const plain = plainNode(layout);
  if (!healthy("elasticsearch")) starts.push(stopNode(plain).then(() => startNode(layout, plain, jdk, progress)));
  const secured = secureNode(layout);
  if (secureWanted && !healthy("elasticsearch-secure")) {
    starts.push(stopNode(secured).then(() => startNode(layout, secured, jdk, progress, material)));
  }
  await Promise.all(starts);
  // Idempotent; needed after a fresh broker start and the first time the secured endpoints are wanted.
  if (!healthy("kafka") || !readSecureEndpoints(layout)) ensureScramUser(layout, jdk, material.credentials);
  if (secureWanted) {
    const secureEndpoints: SecureEndpoints = {
      kafkaBrokers: secureKafkaBrokers(layout),
      esUrl: nodeUrl(secured),
      caFile: material.files.caCert,
      credentials: material.credentials,
    };
    writeFileSync(secureEndpointsFile(layout), `${JSON.stringify(secureEndpoints, null, 2)}\n`, { mode: 0o600 });
  }
  progress(
    `up: Kafka ${kafkaBrokers(layout).join(",")}, Elasticsearch ${nodeUrl(plain)}${secureWanted ? `, secured: Kafka ${secureKafkaBrokers(layout).join(",")} and ${nodeUrl(secured)}` : ""}`,
  );
  return endpoints(layout);
}

/** Stops every component and waits until no process of the stack is left. Data stays for the next `up`. */
export async function stackDown(progress: Progress = stderrProgress, layout = stackLayout()): Promise<void> {
  progress("stopping Kafka and Elasticsearch");
  await Promise.all([stopKafka(layout), stopNode(plainNode(layout)), stopNode(secureNode(layout))]);
  progress("down");
}

export interface EnsuredStack extends StackEndpoints {
  provider: "explicit" | "local-stack";
  /** True when this call started components, so the caller may stop them when done. */
  startedHere: boolean;
}

/**
 * Endpoints to use when the caller has no cluster of its own: GAPWATCH_KAFKA_BROKERS / GAPWATCH_ES_URL when
 * both are set (the user's cluster always wins), else the local stack, started if it is not up.
 */
export async function ensureStack(options: StackUpOptions = {}): Promise<EnsuredStack> {
  const brokers = process.env.GAPWATCH_KAFKA_BROKERS;
  const esUrl = process.env.GAPWATCH_ES_URL;
  if (brokers && esUrl) {
    return { kafkaBrokers: brokers.split(","), esUrl, provider: "explicit", startedHere: false };
  }
  const layout = options.layout ?? stackLayout();
  const wasUp = (await stackStatus(layout)).every((c) => c.healthy);
  const started = await stackUp({ ...options, layout });
  return { ...started, provider: "local-stack", startedHere: !wasUp };
}
