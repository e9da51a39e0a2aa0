// The service logger: pino JSON lines with ECS-style field names, to stderr (stdout stays free for
// command output). Secrets are redacted by path wherever a config object or client option is logged.
import { type Logger, pino } from "pino";
import { SECRET_PATHS } from "./config/schema.ts";

/** Paths censored in every log line: the config's secrets at any nesting we log them at. */
export const REDACT_PATHS = [
  ...SECRET_PATHS,
  ...SECRET_PATHS.map((path) => `config.${path}`),
  "password",
  "*.password",
  "api_key",
  "*.api_key",
  "apiKey",
  "*.apiKey",
  "sasl.password",
  "auth.password",
  "auth.apiKey",
  "headers.authorization",
  "*.headers.authorization",
];

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { "service.name": "gapwatch" },
      messageKey: "message",
      timestamp: () => `,"@timestamp":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ "log.level": label }) },
      redact: { paths: [...REDACT_PATHS], censor: "[redacted]" },
    },
    destination as pino.DestinationStream,
  );
}
