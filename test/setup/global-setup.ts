// Global setup of the `integration` vitest project: finds a real Kafka broker and a real Elasticsearch node,
// in this order (issue 2):
//   1. explicit GAPWATCH_KAFKA_BROKERS / GAPWATCH_ES_URL (each honoured on its own);
//   2. testcontainers (apache/kafka, elasticsearch) when a container runtime answers;
//   3. the infra/local-stack (Maven Central artifacts on 127.0.0.1), started here if it is not already up.
// Whatever this setup started, it stops afterwards; a stack that was already running is left alone.
import type { TestProject } from "vitest/node";
import { versions } from "../../infra/local-stack/paths.ts";
import { stderrProgress } from "../../infra/local-stack/progress.ts";
import { ensureStack, stackDown } from "../../infra/local-stack/stack.ts";
import type { TestStack } from "../support/stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    stack: TestStack;
  }
}

type Teardown = () => Promise<void>;

async function containerRuntimeAvailable(): Promise<boolean> {
  if (process.env.GAPWATCH_TESTCONTAINERS === "0") return false;
  try {
    const { getContainerRuntimeClient } = await import("testcontainers");
    const probe = getContainerRuntimeClient().then(() => true);
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000).unref());
    return await Promise.race([probe, timeout]);
  } catch {
    return false;
  }
}

async function fromContainers(): Promise<{ stack: TestStack; teardown: Teardown }> {
  const { KafkaContainer } = await import("@testcontainers/kafka");
  const { ElasticsearchContainer } = await import("@testcontainers/elasticsearch");
  const [kafka, es] = await Promise.all([
    new KafkaContainer(`apache/kafka:${versions.kafka}`).withKraft().start(),
    new ElasticsearchContainer(`docker.elastic.co/elasticsearch/elasticsearch:${versions.elasticsearch}`)
      .withEnvironment({ "xpack.security.enabled": "false", ES_JAVA_OPTS: "-Xms768m -Xmx768m" })
      .start(),
  ]);
  return {
    stack: {
      kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`],
      esUrl: `http://${es.getHost()}:${es.getMappedPort(9200)}`,
      provider: "testcontainers",
    },
    teardown: async () => {
      await Promise.all([kafka.stop(), es.stop()]);
    },
  };
}

async function fromLocalStack(): Promise<{ stack: TestStack; teardown: Teardown }> {
  // The secured endpoints come up too, so test/integration/secure-endpoints.test.ts runs rather than skips.
  const ensured = await ensureStack({ secure: true, progress: stderrProgress });
  return {
    stack: { kafkaBrokers: ensured.kafkaBrokers, esUrl: ensured.esUrl, provider: "local-stack" },
    teardown: async () => {
      if (ensured.startedHere) await stackDown(stderrProgress);
    },
  };
}

export default async function setup(project: TestProject): Promise<Teardown> {
  const explicitKafka = process.env.GAPWATCH_KAFKA_BROKERS;
  const explicitEs = process.env.GAPWATCH_ES_URL;
  let stack: TestStack;
  let teardown: Teardown = async () => {};
  if (explicitKafka && explicitEs) {
    stack = { kafkaBrokers: explicitKafka.split(","), esUrl: explicitEs, provider: "explicit" };
  } else {
    const provided = (await containerRuntimeAvailable()) ? await fromContainers() : await fromLocalStack();
    stack = {
      kafkaBrokers: explicitKafka ? explicitKafka.split(",") : provided.stack.kafkaBrokers,
      esUrl: explicitEs ?? provided.stack.esUrl,
      provider: provided.stack.provider,
    };
    teardown = provided.teardown;
  }
  process.stderr.write(
    `[integration] Kafka ${stack.kafkaBrokers.join(",")}, Elasticsearch ${stack.esUrl} (${stack.provider})\n`,
  );
  project.provide("stack", stack);
  // Child processes spawned by tests (e.g. `gapwatch run`) read the same endpoints from the environment.
  process.env.GAPWATCH_KAFKA_BROKERS = stack.kafkaBrokers.join(",");
  process.env.GAPWATCH_ES_URL = stack.esUrl;
  return teardown;
}
