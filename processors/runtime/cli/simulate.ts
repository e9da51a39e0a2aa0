// `gapwatch simulate`: a seeded plant (IT, DMZ, operations, supervisory, control and field zones) with steady
// EDR and OT-sensor traffic in the real input formats and named attack chains with ground truth; written as
// NDJSON files plus site.yaml and truth.json, or streamed to Kafka at a time-compression factor.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { parse } from "yaml";
import { simulateConfig } from "../../simulate/config.ts";
import { createSimulation } from "../../simulate/core.ts";
import { openKafkaTarget } from "../../simulate/kafka-target.ts";
import { scenarios } from "../../simulate/scenarios/index.ts";
import { scenarioNames } from "../../simulate/scenarios/names.ts";
import { streamSimulation } from "../../simulate/stream.ts";
import { simulatorTopics } from "../../simulate/topics.ts";
import { writeSimulation } from "../../simulate/write-ndjson.ts";
import { exitCodes } from "./exit-codes.ts";

export interface SimulateFlags {
  out?: string;
  kafka?: string;
  topicPrefix?: string;
  seed?: string;
  start?: string;
  duration?: string;
  itHosts?: string;
  scenarios?: string;
  compression?: string;
  config?: string;
  listScenarios?: boolean;
  json?: boolean;
}

/** The simulator config from an optional YAML file and the flags (flags win). */
export async function configFromFlags(flags: SimulateFlags): Promise<ReturnType<typeof simulateConfig>> {
  const base = flags.config ? ((parse(await readFile(flags.config, "utf8")) ?? {}) as Record<string, unknown>) : {};
  const overrides: Record<string, unknown> = { ...base };
  if (flags.seed !== undefined) overrides.seed = flags.seed;
  if (flags.start !== undefined) overrides.start = flags.start;
  if (flags.duration !== undefined) overrides.durationMinutes = Number(flags.duration);
  if (flags.itHosts !== undefined)
    overrides.plant = { ...((base.plant as object) ?? {}), itHosts: Number(flags.itHosts) };
  if (flags.scenarios !== undefined) {
    overrides.scenarios =
      flags.scenarios === "none"
        ? []
        : flags.scenarios === "all"
          ? [...scenarioNames]
          : flags.scenarios.split(",").map((s) => s.trim());
  }
  return simulateConfig(overrides);
}

function listScenarios(): void {
  for (const name of scenarioNames) {
    const s = scenarios[name];
    process.stdout.write(
      `${name}\n  ${s.title}\n  ATT&CK: ${s.techniques.join(", ")}\n  sources: ${s.references.join("; ")}\n`,
    );
  }
}

export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description("Generate a plant's EDR and OT-sensor traffic with injected IT-to-OT attack chains (seeded)")
    .option(
      "-o, --out <dir>",
      "write <topic>.ndjson files, site.yaml and truth.json into this directory",
      "gapwatch-sim",
    )
    .option("--kafka <brokers>", "stream to Kafka (comma-separated host:port) instead of files; creates the topics")
    .option("--topic-prefix <prefix>", "prefix for the Kafka topic names", "")
    .option("--seed <text>", "random seed: the same seed gives the same output")
    .option("--start <iso>", "event time of the first record (ISO 8601)")
    .option("--duration <minutes>", "simulated minutes")
    .option("--it-hosts <n>", "number of corporate workstations with EDR")
    .option("--scenarios <names>", `comma-separated attack chains, "all" or "none" (${scenarioNames.join(", ")})`)
    .option("--compression <factor>", "Kafka pacing: simulated seconds per wall second (0 = as fast as possible)", "0")
    .option("--config <file>", "simulator config YAML (plant size, traffic rates, scenarios); flags override it")
    .option("--list-scenarios", "describe the attack chains and exit")
    .option("--json", "print the summary as JSON on stdout")
    .action(async (flags: SimulateFlags) => {
      if (flags.listScenarios) return listScenarios();
      let config: ReturnType<typeof simulateConfig>;
      try {
        config = await configFromFlags(flags);
      } catch (error) {
        process.stderr.write(`gapwatch simulate: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = exitCodes.usage;
        return;
      }
      const simulation = createSimulation(config);
      let summary: Record<string, unknown>;
      if (flags.kafka) {
        const prefix = flags.topicPrefix ?? "";
        const target = await openKafkaTarget(flags.kafka.split(","), simulatorTopics(prefix));
        try {
          const result = await streamSimulation(simulation, {
            sink: target,
            compression: Number(flags.compression ?? 0),
            now: () => Date.now(),
            sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
            topicName: (t) => `${prefix}${t}`,
            onProgress: (sent) => process.stderr.write(`\rsimulate: ${sent} records sent`),
          });
          process.stderr.write("\n");
          summary = {
            kafka: flags.kafka,
            records: result.records,
            byTopic: result.byTopic,
            elapsedMs: result.elapsedMs,
          };
        } finally {
          await target.close();
        }
      } else {
        const written = await writeSimulation(simulation, flags.out ?? "gapwatch-sim");
        summary = { ...written };
      }
      const out = {
        seed: config.seed,
        start: config.start,
        durationMinutes: config.durationMinutes,
        chains: simulation.truth.map((t) => t.chain),
        ...summary,
      };
      if (flags.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      else {
        process.stdout.write(
          `simulated ${config.durationMinutes} min of plant "${config.site.name}" (seed ${config.seed})\n`,
        );
        for (const t of simulation.truth) process.stdout.write(`  chain ${t.chain}: ${t.title} (${t.startedAt})\n`);
        if (!flags.kafka) {
          const dir = flags.out ?? "gapwatch-sim";
          process.stdout.write(`replay it with: gapwatch replay ${dir}/records --site ${dir}/site.yaml\n`);
        }
      }
    });
}
