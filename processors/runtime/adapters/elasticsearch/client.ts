// The one place that builds an Elasticsearch client. Retries are gapwatch's (the sink's backoff with jitter and
// per-item handling), so the transport's own are off.
import { readFileSync } from "node:fs";
import { Client } from "@elastic/elasticsearch";
import type { EsSinkConfig } from "./config.ts";

export function createEsClient(config: EsSinkConfig): Client {
  const auth = !config.auth
    ? undefined
    : "api_key" in config.auth
      ? { apiKey: config.auth.api_key }
      : { username: config.auth.username, password: config.auth.password };
  return new Client({
    node: config.node,
    ...(auth ? { auth } : {}),
    ...(config.tls
      ? {
          tls: {
            rejectUnauthorized: config.tls.reject_unauthorized,
            ...(config.tls.ca_file ? { ca: readFileSync(config.tls.ca_file) } : {}),
          },
        }
      : {}),
    maxRetries: 0,
    requestTimeout: config.request_timeout_ms,
    compression: false,
  });
}
