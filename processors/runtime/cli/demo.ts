// `gapwatch demo`: the README's first command. Simulates the demo plant with every named IT-to-OT attack
// chain, streams it through gapwatch over Kafka into Elasticsearch (the local stack is started when nothing
// is configured), prints each incident as it is opened and a scorecard against the ground truth. `--offline`
// (and the automatic fallback when no stack can start) runs the same through the replay pipeline.
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Command } from "commander";
import { stackUp } from "../../../infra/local-stack/stack.ts";
import { simulateConfig } from "../../simulate/config.ts";
import { createSimulation } from "../../simulate/core.ts";
import { runOfflineDemo } from "../../simulate/demo/offline.ts";
import { runOnlineDemo } from "../../simulate/demo/online.ts";
import { type DemoOutput, type DemoResult, printScorecard } from "../../simulate/demo/report.ts";
import { scenarioNames } from "../../simulate/scenarios/names.ts";
import { exitCodes } from "./exit-codes.ts";

interface DemoFlags {
  offline?: boolean;
  brokers?: string;
  es?: string;
  speed: string;
  seed?: string;
  scenarios?: string;
  itHosts?: string;
  dir: string;
  keepTopics?: boolean;
  json?: boolean;
}

async function endpoints(flags: DemoFlags, out: DemoOutput): Promise<{ brokers: string[]; esUrl: string } | undefined> {
  const brokers = flags.brokers ?? process.env.GAPWATCH_KAFKA_BROKERS;
  const esUrl = flags.es ?? process.env.GAPWATCH_ES_URL;
  if (brokers && esUrl) return { brokers: brokers.split(","), esUrl };
  out.progress(
    "no Kafka/Elasticsearch configured: starting the local stack (first run downloads Kafka and Elasticsearch once)",
  );
  try {
    const stack = await stackUp();
    return { brokers: stack.kafkaBrokers, esUrl: stack.esUrl };
  } catch (error) {
    out.progress(
      `the local stack could not start (${error instanceof Error ? error.message : String(error)}); running offline instead`,
    );
    return undefined;
  }
}

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("Stream a simulated plant with IT-to-OT attack chains through gapwatch and score what it detects")
    .option("--offline", "no Kafka or Elasticsearch: run the same records through the replay pipeline")
    .option("--brokers <list>", "Kafka bootstrap brokers (default: GAPWATCH_KAFKA_BROKERS, else the local stack)")
    .option("--es <url>", "Elasticsearch URL (default: GAPWATCH_ES_URL, else the local stack)")
    .option("--speed <factor>", "time compression: simulated seconds per wall second", "30")
    .option("--seed <text>", "simulation seed")
    .option("--scenarios <names>", `comma-separated attack chains (default all: ${scenarioNames.join(", ")})`)
    .option("--it-hosts <n>", "corporate workstations with EDR")
    .option("--dir <dir>", "where the demo writes its site model and records", path.join(".gapwatch", "demo"))
    .option("--keep-topics", "keep this run's Kafka topics afterwards")
    .option("--json", "print the result as JSON on stdout instead of the scorecard")
    .action(async (flags: DemoFlags) => {
      const out: DemoOutput = {
        line: (text) => {
          if (!flags.json) process.stdout.write(`${text}\n`);
        },
        progress: (text) => process.stderr.write(`demo: ${text}\n`),
      };
      const overrides: Record<string, unknown> = {};
      if (flags.seed) overrides.seed = flags.seed;
      if (flags.scenarios) overrides.scenarios = flags.scenarios.split(",").map((s) => s.trim());
      if (flags.itHosts) overrides.plant = { itHosts: Number(flags.itHosts) };
      let simulation: ReturnType<typeof createSimulation>;
      try {
        simulation = createSimulation(simulateConfig(overrides));
      } catch (error) {
        process.stderr.write(`gapwatch demo: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = exitCodes.usage;
        return;
      }
      out.line(
        `gapwatch demo: plant "${simulation.config.site.name}", ${simulation.plant.assets.length} assets, ${simulation.truth.length} attack chains`,
      );
      for (const t of simulation.truth) out.line(`  chain ${t.chain}: ${t.title}`);
      const reach = flags.offline ? undefined : await endpoints(flags, out);
      let result: DemoResult;
      if (reach) {
        const runId = randomBytes(4).toString("hex");
        result = await runOnlineDemo(
          simulation,
          {
            ...reach,
            runId,
            dir: flags.dir,
            compression: Number(flags.speed),
            settleMs: 30_000,
            keepTopics: flags.keepTopics === true,
          },
          out,
        );
      } else {
        result = await runOfflineDemo(simulation, flags.dir, out, () => Date.now());
      }
      if (flags.json)
        process.stdout.write(`${JSON.stringify({ ...result, incidents: result.incidents.length }, null, 2)}\n`);
      else printScorecard(out, result);
      const clean = result.card.detected === result.card.expected && result.card.falsePositives.length === 0;
      process.exitCode = clean ? exitCodes.ok : exitCodes.failed;
      // kafkajs and undici keep sockets and timers after the service stopped and flushed: exit like `run` does.
      if (result.mode === "kafka") setTimeout(() => process.exit(process.exitCode), 100).unref();
    });
}
