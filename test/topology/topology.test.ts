// The wiring of `gapwatch run` for the example config, as text and Mermaid: a change to stages, topics or
// sinks shows up in this snapshot's diff in review (STYLE.md section 7).
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMermaid } from "../../processors/runtime/cli/topology.ts";
import { loadConfig } from "../../processors/runtime/config/load.ts";
import { describeTopology, renderTopology } from "../../processors/runtime/topology.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("topology of the example config", () => {
  it("matches the reviewed snapshot", async () => {
    const { config } = await loadConfig(path.join(root, "infra/gapwatch.example.yaml"), {});
    const topology = describeTopology(config);
    await expect(`${renderTopology(topology)}\n\n${renderMermaid(topology)}\n`).toMatchFileSnapshot(
      "topology.snapshot.txt",
    );
  });

  it("creates every internal topic it reads or writes, with a cleanup policy", async () => {
    const { config } = await loadConfig(path.join(root, "infra/gapwatch.example.yaml"), {});
    const topology = describeTopology(config);
    const declared = new Set(topology.topics.map((t) => t.name));
    const sinks = new Set(topology.sinks.map((s) => s.name));
    for (const stage of topology.stages.filter((s) => s.enabled)) {
      for (const name of [...stage.reads, ...stage.writes]) {
        expect(declared.has(name) || sinks.has(name), `${stage.name} uses undeclared ${name}`).toBe(true);
      }
    }
    for (const topic of topology.topics.filter((t) => t.role !== "raw")) {
      expect(topic.cleanupPolicy, topic.name).toBeDefined();
    }
  });
});
