// Builds the kafkajs client from the validated config: brokers, TLS (CA, client cert) and SASL. kafkajs'
// own log lines go through the gapwatch logger (warn and above), never with credentials: kafkajs does not
// log SASL passwords, and the logger redacts the config paths that hold secrets anyway.
import { readFileSync } from "node:fs";
import { Kafka, type KafkaConfig as KafkaJsConfig, logLevel, type SASLOptions } from "kafkajs";
import type { Logger } from "pino";
import type { GapwatchConfig } from "../../config/schema.ts";
import { ConfigError } from "../../errors.ts";

function readPem(file: string, key: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (cause) {
    throw new ConfigError("config.file", `cannot read ${key}`, { location: { file, field: key }, cause });
  }
}

export function createKafka(config: GapwatchConfig["kafka"], logger: Logger, clientSuffix = ""): Kafka {
  const tls = config.tls;
  const ssl: KafkaJsConfig["ssl"] = tls.enabled
    ? {
        rejectUnauthorized: tls.reject_unauthorized,
        ...(tls.ca_file ? { ca: [readPem(tls.ca_file, "kafka.tls.ca_file")] } : {}),
        ...(tls.cert_file ? { cert: readPem(tls.cert_file, "kafka.tls.cert_file") } : {}),
        ...(tls.key_file ? { key: readPem(tls.key_file, "kafka.tls.key_file") } : {}),
      }
    : undefined;
  const sasl: SASLOptions | undefined = config.sasl
    ? ({
        mechanism: config.sasl.mechanism,
        username: config.sasl.username,
        password: config.sasl.password,
      } as SASLOptions)
    : undefined;
  const kafkaLogger = logger.child({ component: "kafkajs" });
  return new Kafka({
    clientId: `${config.client_id}${clientSuffix}`,
    brokers: config.brokers,
    ...(ssl ? { ssl } : {}),
    ...(sasl ? { sasl } : {}),
    connectionTimeout: config.connection_timeout_ms,
    requestTimeout: config.request_timeout_ms,
    // Fail fast on wrong credentials or certificates instead of retrying for minutes.
    retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      const { message, ...rest } = entry.log;
      const fields = { ...rest, namespace: entry.namespace };
      if (entry.level <= logLevel.ERROR) kafkaLogger.error(fields, message);
      else kafkaLogger.warn(fields, message);
    },
  });
}
