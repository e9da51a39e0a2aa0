// `gapwatch stack up|down|status`: the local Kafka + Elasticsearch that tests and the demo use when no
// cluster is configured (infra/local-stack).
import { rmSync } from "node:fs";
import type { Command } from "commander";
import { stackLayout } from "../../../infra/local-stack/paths.ts";
import { stackDown, stackStatus, stackUp } from "../../../infra/local-stack/stack.ts";
import { exitCodes } from "./exit-codes.ts";

export function registerStack(program: Command): void {
  const stack = program
    .command("stack")
    .description(
      "Run a local single-node Kafka (KRaft) and Elasticsearch on 127.0.0.1, provisioned from Maven Central",
    );

  stack
    .command("up")
    .description("Download once (cached), start, and wait until both are healthy")
    .option("--json", "print the endpoints as JSON on stdout")
    .option("--secure", "also start an Elasticsearch node with security on (TLS, basic auth, API keys)")
    .action(async (options: { json?: boolean; secure?: boolean }) => {
      const endpoints = await stackUp({ secure: options.secure === true });
      process.stdout.write(
        options.json
          ? `${JSON.stringify(endpoints)}\n`
          : `GAPWATCH_KAFKA_BROKERS=${endpoints.kafkaBrokers.join(",")}\nGAPWATCH_ES_URL=${endpoints.esUrl}\n`,
      );
    });

  stack
    .command("down")
    .description("Stop both and wait until no process is left")
    .option("--purge", "also delete the stack's data and logs (downloads stay cached)")
    .action(async (options: { purge?: boolean }) => {
      await stackDown();
      if (options.purge) rmSync(stackLayout().runDir, { recursive: true, force: true });
    });

  stack
    .command("status")
    .description("Show each component's version, endpoint, pid and health (exit 1 unless both are healthy)")
    .option("--json", "print JSON on stdout")
    .action(async (options: { json?: boolean }) => {
      const status = await stackStatus();
      if (options.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
      else {
        for (const c of status) {
          const state = c.healthy ? "healthy" : c.running ? "running, not healthy" : "stopped";
          process.stdout.write(
            `${c.name.padEnd(14)} ${c.version.padEnd(9)} ${c.endpoint.padEnd(24)} ${state}  log: ${c.log}\n`,
          );
        }
      }
      process.exitCode = status.every((c) => c.healthy) ? exitCodes.ok : exitCodes.failed;
    });
}
