// What an integration test needs to reach the real Kafka broker and Elasticsearch node that
// test/setup/global-setup.ts found, and unique names so suites never see each other's topics or indices.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { inject } from "vitest";
import { stackLayout } from "../../infra/local-stack/paths.ts";
import { readSecureEndpoints, type SecureEndpoints } from "../../infra/local-stack/secure.ts";

export interface TestStack {
  kafkaBrokers: string[];
  esUrl: string;
  provider: "explicit" | "testcontainers" | "local-stack";
}

export function testStack(): TestStack {
  const provided = inject("stack") as TestStack | undefined;
  if (provided) return provided;
  const brokers = process.env.GAPWATCH_KAFKA_BROKERS;
  const esUrl = process.env.GAPWATCH_ES_URL;
  if (!brokers || !esUrl) throw new Error("no test stack: run through the `integration` vitest project");
  return { kafkaBrokers: brokers.split(","), esUrl, provider: "explicit" };
}

/** A topic or index name no other test uses: lower-case (ES index rule), prefix kept for debugging. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`.toLowerCase();
}

/**
 * The secured endpoints (SASL/SCRAM-SHA-512 over TLS broker listener, Elasticsearch with security on):
 * from the JSON file named by GAPWATCH_SECURE_ENDPOINTS, else from the local stack (`stack up --secure`).
 * Undefined when neither exists; tests then skip with a message.
 */
export function secureTestStack(): SecureEndpoints | undefined {
  const file = process.env.GAPWATCH_SECURE_ENDPOINTS;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as SecureEndpoints;
  return readSecureEndpoints(stackLayout());
}
