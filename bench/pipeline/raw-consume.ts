// The limit: how fast the same topic can be read by a consumer that does nothing but count. kafkajs with
// eachBatch (the client gapwatch uses) and, when the stack's Kafka jars and a JDK are there, Kafka's own
// ConsumerPerformance tool. Both are timed from the first record to the last, excluding the group join.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { Kafka } from "kafkajs";
import { findJdk } from "../../infra/local-stack/java.ts";
import { stackLayout } from "../../infra/local-stack/paths.ts";

export async function kafkajsCountingConsume(
  kafka: Kafka,
  topic: string,
  expected: number,
  group: string,
): Promise<number> {
  const consumer = kafka.consumer({ groupId: group, maxBytesPerPartition: 1_048_576, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let count = 0;
  let first = 0;
  let last = 0;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`raw consume saw ${count}/${expected} records in 300 s`)), 300_000);
    void consumer
      .run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          if (first === 0) first = performance.now();
          count += batch.messages.length;
          if (count >= expected) {
            last = performance.now();
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
  }
  return expected / ((last - first) / 1000);
}

const exec = promisify(execFile);

/** Kafka's ConsumerPerformance `fetch.nMsg.sec` (excludes the rebalance), or undefined when not runnable. */
export async function javaConsumerPerformance(
  brokers: string[],
  topic: string,
  expected: number,
): Promise<number | undefined> {
  const libs = stackLayout().kafkaLibDir;
  if (!existsSync(libs)) return undefined;
  let java: string;
  try {
    java = path.join(findJdk().home, "bin", "java");
  } catch {
    return undefined;
  }
  const { stdout } = await exec(
    java,
    [
      "-Xmx512m",
      "-cp",
      `${libs}/*`,
      "org.apache.kafka.tools.ConsumerPerformance",
      "--bootstrap-server",
      brokers.join(","),
      "--topic",
      topic,
      "--messages",
      String(expected),
      "--timeout",
      "120000",
      "--group",
      `${topic}-java-perf`,
    ],
    { timeout: 180_000, maxBuffer: 4_000_000 },
  );
  const lines = stdout
    .trim()
    .split("\n")
    .filter((l) => l.includes(","));
  const header = lines
    .find((l) => l.includes("nMsg.sec"))
    ?.split(",")
    .map((s) => s.trim());
  const values = lines[lines.length - 1]?.split(",").map((s) => s.trim());
  if (!header || !values) return undefined;
  const fetchRate = Number(values[header.indexOf("fetch.nMsg.sec")]);
  const rate = Number(values[header.indexOf("nMsg.sec")]);
  return Number.isFinite(fetchRate) && fetchRate > 0 ? fetchRate : Number.isFinite(rate) ? rate : undefined;
}
