import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config/load.ts";
import { describeTopology, renderTopology } from "./topology.ts";

const EXAMPLE = fileURLToPath(new URL("../../infra/gapwatch.example.yaml", import.meta.url));

describe("topology", () => {
  it("names every stage, topic, store and sink, and wires only declared nodes", async () => {
    const { config } = await loadConfig(EXAMPLE);
    const topology = describeTopology(config);
    expect(topology.stages.map((s) => s.name)).toEqual(["identity-table", "route", "correlate", "deliver"]);
    const known = new Set([
      ...topology.topics.map((t) => t.name),
      ...topology.sinks.map((s) => s.name),
      "sink.webhooks",
    ]);
    for (const stage of topology.stages) {
      for (const node of [...stage.reads, ...stage.writes]) expect(known, `${stage.name} -> ${node}`).toContain(node);
      for (const store of stage.stores) expect(topology.stores.map((s) => s.name)).toContain(store);
    }
    expect(topology.topics.find((t) => t.role === "identity")?.cleanupPolicy).toBe("compact");
    expect(topology.topics.find((t) => t.role === "state")?.cleanupPolicy).toBe("compact");
    expect(renderTopology(topology)).toContain("correlate [group gapwatch.correlate]: gapwatch.events ->");
  });

  it("leaves out the stages a process does not run", async () => {
    const { config } = await loadConfig(EXAMPLE, { GAPWATCH_RUNTIME_ROLES: "[correlate]" });
    const text = renderTopology(describeTopology(config));
    expect(text).not.toContain("route [");
    expect(text).toContain("correlate [");
  });
});
