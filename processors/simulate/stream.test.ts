import { describe, expect, it } from "vitest";
import { simulateConfig } from "./config.ts";
import { createSimulation, simulateAll } from "./core.ts";
import { streamSimulation } from "./stream.ts";

describe("streamSimulation", () => {
  it("sends every record in order, paced by the compression factor, and reports each chain's last ack", async () => {
    const simulation = createSimulation(
      simulateConfig({ durationMinutes: 30, plant: { itHosts: 5 }, scenarios: ["s7-plc-stop", "dnp3-cold-restart"] }),
    );
    let clock = 1_000_000;
    const sent: string[] = [];
    const result = await streamSimulation(simulation, {
      sink: { send: async (records) => void sent.push(...records.map((r) => r.value)) },
      compression: 60,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
      topicName: (t) => `test.${t}`,
    });
    const all = simulateAll(simulation);
    expect(sent).toEqual(all.map((r) => JSON.stringify(r.value)));
    expect(result.records).toBe(all.length);
    // 30 simulated minutes at 60x is about 30 wall seconds.
    expect(result.elapsedMs).toBeGreaterThan(25_000);
    expect(result.elapsedMs).toBeLessThan(36_000);
    expect(Object.keys(result.chainAckedAt).sort()).toEqual(["dnp3-cold-restart#2", "s7-plc-stop#1"]);
  });
});
