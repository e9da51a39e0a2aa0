// `gapwatch run --config gapwatch.yaml`: the service over Kafka and Elasticsearch (ARCHITECTURE.md 7, 8).
// Exit codes: 0 after a graceful stop (SIGTERM/SIGINT), 3 when the config, site model, rules, topics or a
// dependency cannot be loaded or reached at start, 1 when the service failed while running.
import type { Command } from "commander";
import { loadConfig } from "../config/load.ts";
import { isGapwatchError } from "../errors.ts";
import { createLogger } from "../logger.ts";
import { startService } from "../service.ts";
import { exitCodes } from "./exit-codes.ts";

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("Run gapwatch as a Kafka consumer: route raw topics, correlate, write incidents to Elasticsearch")
    .requiredOption("-c, --config <file>", "gapwatch.yaml (GAPWATCH_* environment variables override its keys)")
    .option("--check", "validate the configuration and exit (no connection is made)")
    .action(async (flags: { config: string; check?: boolean }) => {
      process.exitCode = await run(flags);
    });
}

async function run(flags: { config: string; check?: boolean }): Promise<number> {
  let loaded: Awaited<ReturnType<typeof loadConfig>>;
  try {
    loaded = await loadConfig(flags.config, process.env);
  } catch (error) {
    if (!isGapwatchError(error)) throw error;
    process.stderr.write(`gapwatch run: ${error.message}\n`);
    return exitCodes.config;
  }
  if (flags.check) {
    process.stderr.write(`gapwatch run: ${flags.config} is valid\n`);
    return exitCodes.ok;
  }
  const logger = createLogger(loaded.config.logging.level);
  for (const variable of loaded.unmatchedEnv) logger.warn({ variable }, "environment variable matches no config key");
  let service: Awaited<ReturnType<typeof startService>>;
  try {
    service = await startService(loaded.config, logger);
  } catch (error) {
    const message = isGapwatchError(error) ? error.describe() : error instanceof Error ? error.message : String(error);
    logger.fatal({ err: isGapwatchError(error) ? undefined : error }, `cannot start: ${message}`);
    process.stderr.write(`gapwatch run: cannot start: ${message}\n`);
    return exitCodes.config;
  }
  logger.info({ port: service.opsPort }, "metrics and health endpoints listening");
  const onSignal = (signal: NodeJS.Signals) => {
    void service.stop(signal);
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
  const code = await service.done;
  process.off("SIGTERM", onSignal);
  process.off("SIGINT", onSignal);
  // kafkajs and undici keep sockets and timers; the stop above already flushed and committed everything.
  setTimeout(() => process.exit(code), 50).unref();
  return code;
}
