import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../ingest/detect-format.ts";
import { simulateConfig } from "./config.ts";
import { createSimulation, simulateAll } from "./core.ts";
import { simTopics } from "./record.ts";
import { scenarioNames } from "./scenarios/names.ts";

const small = simulateConfig({ durationMinutes: 30, plant: { itHosts: 20 } });

function digest(config = small): string {
  const hash = createHash("sha256");
  const simulation = createSimulation(config);
  for (const r of simulateAll(simulation)) hash.update(`${r.topic}\t${r.emitAt}\t${JSON.stringify(r.value)}\n`);
  hash.update(JSON.stringify(simulation.truth));
  return hash.digest("hex");
}

describe("simulate core", () => {
  it("is deterministic for a seed and differs for another seed", () => {
    expect(digest()).toBe(digest());
    expect(digest(simulateConfig({ ...small, seed: "other" }))).not.toBe(digest());
  });

  it("delivers records in emit order, never before they happened", () => {
    const records = simulateAll(createSimulation(small));
    expect(records.length).toBeGreaterThan(5_000);
    for (let i = 1; i < records.length; i++) expect(records[i]!.emitAt).toBeGreaterThanOrEqual(records[i - 1]!.emitAt);
    for (const r of records) expect(r.emitAt).toBeGreaterThanOrEqual(r.time);
  });

  it("writes every topic in the shape ingest detects as that topic's format", () => {
    const expected: Record<string, string> = {
      [simTopics.elastic]: "elastic-defend",
      [simTopics.sysmon]: "winlogbeat",
      [simTopics.crowdstrike]: "crowdstrike-fdr",
      [simTopics.mde]: "mde",
    };
    const seen = new Set<string>();
    for (const r of simulateAll(createSimulation(small))) {
      seen.add(r.topic);
      expect(detectFormat(r.value as never), r.topic).toBe(expected[r.topic] ?? "zeek");
    }
    expect([...seen].sort()).toEqual(
      [
        "it.edr.crowdstrike",
        "it.edr.defend",
        "it.edr.mde",
        "it.edr.sysmon",
        "ot.zeek.cip",
        "ot.zeek.conn",
        "ot.zeek.dnp3",
        "ot.zeek.modbus_detailed",
        "ot.zeek.s7comm",
      ].sort(),
    );
  });

  it("keeps Zeek's JSON conventions: epoch ts, uid, dotted id keys, values typed", () => {
    for (const r of simulateAll(createSimulation(small)).filter((x) => x.topic.startsWith("ot.zeek."))) {
      const v = r.value;
      expect(typeof v.ts).toBe("number");
      expect(v.uid).toMatch(/^C[0-9A-Za-z]{17}$/);
      expect(typeof v["id.orig_h"]).toBe("string");
      expect(typeof v["id.resp_p"]).toBe("number");
      expect(Math.abs((v.ts as number) * 1000 - r.time)).toBeLessThan(1);
    }
  });

  it("keeps CrowdStrike FDR values as strings", () => {
    for (const r of simulateAll(createSimulation(small)).filter((x) => x.topic === simTopics.crowdstrike)) {
      for (const value of Object.values(r.value)) expect(typeof value).toBe("string");
    }
  });

  it("injects every named scenario with its ground truth", () => {
    const simulation = createSimulation(small);
    const records = simulateAll(simulation);
    expect(simulation.truth.map((t) => t.scenario)).toEqual([...scenarioNames]);
    for (const truth of simulation.truth) {
      const mine = records.filter((r) => r.chain === truth.chain);
      expect(mine.length, truth.chain).toBe(truth.recordCount);
      expect(truth.recordCount, truth.chain).toBeGreaterThan(2);
      expect(truth.requiredTechniques.length).toBeGreaterThan(0);
      expect(truth.requiredTechniques.every((t) => /^T0\d{3}$/.test(t))).toBe(true);
      expect(truth.entities.ips.length).toBeGreaterThan(1);
      const last = Date.parse(truth.lastEventAt);
      expect(last).toBeGreaterThanOrEqual(Date.parse(truth.startedAt));
      expect(last).toBeLessThanOrEqual(Date.parse(truth.endedAt));
      expect(
        mine.some((r) => r.topic.startsWith("ot.zeek.")),
        truth.chain,
      ).toBe(true);
    }
  });

  it("leaves background traffic unchanged when scenarios are added or removed", () => {
    const background = (scenarios: string[]) =>
      simulateAll(createSimulation(simulateConfig({ ...small, scenarios })))
        .filter((r) => !r.chain)
        .map((r) => JSON.stringify(r.value));
    expect(background([])).toEqual(background([...scenarioNames]));
  });

  it("rejects a duration too short for the scenarios", () => {
    expect(() => simulateConfig({ durationMinutes: 10 })).toThrow(/too short/);
  });
});
