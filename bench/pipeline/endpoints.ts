// Where the benchmark's Kafka and Elasticsearch are: GAPWATCH_KAFKA_BROKERS / GAPWATCH_ES_URL when set,
// else the local stack (started if it is not running; downloads are cached).
import { stackUp } from "../../infra/local-stack/stack.ts";

export interface BenchEndpoints {
  kafkaBrokers: string[];
  esUrl: string;
  source: "environment" | "local-stack";
}

export async function benchEndpoints(): Promise<BenchEndpoints> {
  const brokers = process.env.GAPWATCH_KAFKA_BROKERS;
  const esUrl = process.env.GAPWATCH_ES_URL;
  if (brokers && esUrl) return { kafkaBrokers: brokers.split(","), esUrl, source: "environment" };
  const stack = await stackUp();
  return { kafkaBrokers: stack.kafkaBrokers, esUrl: stack.esUrl, source: "local-stack" };
}
