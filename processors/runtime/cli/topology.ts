// `gapwatch topology describe`: the stages, topics, state stores and sinks that `gapwatch run` would wire for
// a config, from the same data service.ts wires (processors/runtime/topology.ts). Works offline.
import type { Command } from "commander";
import { loadConfig } from "../config/load.ts";
import { isGapwatchError } from "../errors.ts";
import { describeTopology, renderTopology, type Topology } from "../topology.ts";
import { exitCodes } from "./exit-codes.ts";

/** Mermaid flowchart: topics as cylinders, stages as boxes, sinks as rounded nodes. */
export function renderMermaid(topology: Topology): string {
  const id = (name: string) => name.replace(/[^A-Za-z0-9_]/g, "_");
  const lines = ["flowchart LR"];
  for (const topic of topology.topics) lines.push(`  ${id(topic.name)}[("${topic.name}")]`);
  for (const sink of topology.sinks) lines.push(`  ${id(sink.name)}("${sink.name}: ${sink.kind}")`);
  for (const stage of topology.stages.filter((s) => s.enabled)) {
    lines.push(`  ${id(stage.name)}["${stage.name}"]`);
    for (const input of stage.reads) lines.push(`  ${id(input)} --> ${id(stage.name)}`);
    for (const output of stage.writes) lines.push(`  ${id(stage.name)} --> ${id(output)}`);
  }
  return lines.join("\n");
}

export function registerTopology(program: Command): void {
  program
    .command("topology")
    .description("Describe the topology `gapwatch run` wires for a config (offline)")
    .command("describe")
    .description("Print stages, topics, state stores and sinks")
    .requiredOption("-c, --config <file>", "gapwatch.yaml (GAPWATCH_* environment variables override its keys)")
    .option("--format <format>", "text | mermaid | json", "text")
    .action(async (flags: { config: string; format: string }) => {
      if (!["text", "mermaid", "json"].includes(flags.format)) {
        process.stderr.write(`gapwatch topology describe: --format must be text, mermaid or json\n`);
        process.exitCode = exitCodes.usage;
        return;
      }
      try {
        const { config } = await loadConfig(flags.config, process.env);
        const topology = describeTopology(config);
        const out =
          flags.format === "json"
            ? JSON.stringify(topology, null, 2)
            : flags.format === "mermaid"
              ? renderMermaid(topology)
              : renderTopology(topology);
        process.stdout.write(`${out}\n`);
      } catch (error) {
        if (!isGapwatchError(error)) throw error;
        process.stderr.write(`gapwatch topology describe: ${error.message}\n`);
        process.exitCode = exitCodes.config;
      }
    });
}
