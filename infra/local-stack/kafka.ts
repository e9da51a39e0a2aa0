// A single-node KRaft Apache Kafka (broker + controller in one JVM) on 127.0.0.1, from the Maven-resolved jars.
// Internal topics have replication factor 1 (a single broker could never satisfy 3), and the group
// rebalance delay is 0 so tests and the demo do not wait 3 s per consumer group.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { tcpOpen, waitUntil } from "./health.ts";
import type { Jdk } from "./java.ts";
import type { StackLayout } from "./paths.ts";
import { processesMentioning, readPid, removeFile, spawnDetached, stopProcesses, writePid } from "./processes.ts";
import type { Progress } from "./progress.ts";
import type { SecureCredentials, SecureFiles } from "./secure.ts";

export function kafkaBrokers(layout: StackLayout): string[] {
  return [`127.0.0.1:${layout.ports.kafka}`];
}

export function secureKafkaBrokers(layout: StackLayout): string[] {
  return [`127.0.0.1:${layout.ports.kafkaSecure}`];
}

function writeConfig(layout: StackLayout, secure: SecureFiles): { properties: string; log4j: string } {
  const { kafka, kafkaController, kafkaSecure } = layout.ports;
  mkdirSync(layout.kafkaConfigDir, { recursive: true });
  const properties = path.join(layout.kafkaConfigDir, "server.properties");
  writeFileSync(
    properties,
    [
      "process.roles=broker,controller",
      "node.id=1",
      `controller.quorum.bootstrap.servers=127.0.0.1:${kafkaController}`,
      `listeners=PLAINTEXT://127.0.0.1:${kafka},CONTROLLER://127.0.0.1:${kafkaController},SASL_SSL://127.0.0.1:${kafkaSecure}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${kafka},SASL_SSL://127.0.0.1:${kafkaSecure}`,
      "controller.listener.names=CONTROLLER",
      "inter.broker.listener.name=PLAINTEXT",
      "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL",
      // The secured listener: SASL/SCRAM-SHA-512 over TLS with a certificate from the local CA (secure.ts).
      "sasl.enabled.mechanisms=SCRAM-SHA-512",
      "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
      "listener.name.sasl_ssl.ssl.keystore.type=PEM",
      `listener.name.sasl_ssl.ssl.keystore.location=${secure.serverPem}`,
      `log.dirs=${layout.kafkaDataDir}`,
      "num.partitions=1",
      "offsets.topic.replication.factor=1",
      "offsets.topic.num.partitions=4",
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1",
      "share.coordinator.state.topic.replication.factor=1",
      "share.coordinator.state.topic.min.isr=1",
      "group.initial.rebalance.delay.ms=0",
      "auto.create.topics.enable=false",
      "log.retention.hours=24",
      "",
    ].join("\n"),
  );
  const log4j = path.join(layout.kafkaConfigDir, "log4j2.yaml");
  writeFileSync(
    log4j,
    [
      "Configuration:",
      "  Appenders:",
      "    Console:",
      "      name: STDOUT",
      '      PatternLayout: { pattern: "[%d] %p %m (%c)%n" }',
      "  Loggers:",
      "    Root: { level: INFO, AppenderRef: [{ ref: STDOUT }] }",
      "    Logger:",
      "      - { name: kafka.request.logger, level: WARN }",
      "      - { name: org.apache.kafka.controller, level: WARN }",
      "",
    ].join("\n"),
  );
  return { properties, log4j };
}

function java(jdk: Jdk): string {
  return path.join(jdk.home, "bin", "java");
}

function formatStorage(layout: StackLayout, jdk: Jdk, properties: string): void {
  if (existsSync(path.join(layout.kafkaDataDir, "meta.properties"))) return;
  const classpath = path.join(layout.kafkaLibDir, "*");
  const uuid = spawnSync(java(jdk), ["-cp", classpath, "kafka.tools.StorageTool", "random-uuid"], { encoding: "utf8" });
  const clusterId = uuid.stdout.trim().split("\n").pop();
  if (uuid.status !== 0 || !clusterId) throw new Error(`kafka-storage random-uuid failed: ${uuid.stderr}`);
  const format = spawnSync(
    java(jdk),
    ["-cp", classpath, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties, "--standalone"],
    { encoding: "utf8" },
  );
  if (format.status !== 0) throw new Error(`kafka-storage format failed:\n${format.stdout}${format.stderr}`);
}

export function kafkaPid(layout: StackLayout): number | undefined {
  return readPid(layout.kafkaPidFile);
}

export async function kafkaHealthy(layout: StackLayout): Promise<boolean> {
  if (!(await tcpOpen("127.0.0.1", layout.ports.kafka))) return false;
  const admin = new Kafka({
    clientId: "gapwatch-stack",
    brokers: kafkaBrokers(layout),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 2000,
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Creates (or updates) the SCRAM user of the secured listener. ConfigCommand takes the credential only as an
 * argument (its --add-config-file form rejects SCRAM keys), so the password is briefly in this local
 * process's argv; it is redacted from any error we print.
 */
export function ensureScramUser(layout: StackLayout, jdk: Jdk, credentials: SecureCredentials): void {
  const { username, password } = credentials.kafka;
  const result = spawnSync(
    java(jdk),
    [
      "-cp",
      path.join(layout.kafkaLibDir, "*"),
      "kafka.admin.ConfigCommand",
      "--bootstrap-server",
      kafkaBrokers(layout)[0]!,
      "--alter",
      "--add-config",
      `SCRAM-SHA-512=[iterations=8192,password=${password}]`,
      "--entity-type",
      "users",
      "--entity-name",
      username,
    ],
    { encoding: "utf8", timeout: 60_000 },
  );
  if (result.status !== 0) {
    const output = `${result.stderr}${result.stdout}`.replaceAll(password, "[redacted]");
    throw new Error(`creating the SCRAM user failed: ${output}`);
  }
}

export async function startKafka(
  layout: StackLayout,
  jdk: Jdk,
  secure: SecureFiles,
  progress: Progress,
): Promise<void> {
  const { properties, log4j } = writeConfig(layout, secure);
  formatStorage(layout, jdk, properties);
  progress(`starting Kafka on 127.0.0.1:${layout.ports.kafka} (log: ${layout.kafkaLog})`);
  const pid = spawnDetached(
    java(jdk),
    [
      "-Xms256m",
      "-Xmx768m",
      "-XX:+UseG1GC",
      "-Djava.awt.headless=true",
      `-Dlog4j2.configurationFile=${log4j}`,
      "-cp",
      path.join(layout.kafkaLibDir, "*"),
      "kafka.Kafka",
      properties,
    ],
    layout.kafkaLog,
  );
  writePid(layout.kafkaPidFile, pid);
  await waitUntil(() => kafkaHealthy(layout), {
    what: "Kafka",
    logFile: layout.kafkaLog,
    pid: () => kafkaPid(layout),
    timeoutMs: 90_000,
  });
}

export async function stopKafka(layout: StackLayout): Promise<void> {
  const pids = new Set(processesMentioning(layout.kafkaConfigDir));
  const pid = kafkaPid(layout);
  if (pid !== undefined) pids.add(pid);
  await stopProcesses([...pids]);
  removeFile(layout.kafkaPidFile);
}
