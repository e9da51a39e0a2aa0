// The simulated plant's site model loads with the enrichment stage's own loader, and the plant's traffic
// agrees with it: every background request is allowed by a conduit, every attack chain breaks one.
import { describe, expect, it } from "vitest";
import { createIdentityTable, enrichEvent, parseSiteModel } from "../enrich/index.ts";
import { ingestRecord } from "../ingest/core.ts";
import { simulateConfig } from "./config.ts";
import { createSimulation, simulateAll } from "./core.ts";
import { siteYaml } from "./site-yaml.ts";

const simulation = createSimulation(simulateConfig({ plant: { itHosts: 30 } }));

describe("simulated site model", () => {
  it("validates with the enrichment loader", () => {
    const result = parseSiteModel(siteYaml(simulation.plant), "site.yaml");
    if (!result.ok)
      throw new Error(result.issues.map((i) => `${i.line}:${i.column} ${i.path} ${i.message}`).join("\n"));
    expect(result.ok).toBe(true);
  });

  it("allows all background requests and flags every attack chain", () => {
    const result = parseSiteModel(siteYaml(simulation.plant), "site.yaml");
    if (!result.ok) throw new Error("site model does not load");
    const identity = createIdentityTable();
    const violations: string[] = [];
    const chainVerdicts = new Map<string, Set<string>>();
    for (const record of simulateAll(simulation)) {
      if (!record.topic.startsWith("ot.zeek.")) continue;
      for (const event of ingestRecord({ value: JSON.stringify(record.value), provenance: { topic: record.topic } })
        .events) {
        // Conduits judge initiator -> responder; a response record travels the other way.
        if (event.ot?.is_request === false) continue;
        const verdict = enrichEvent(event, { site: result.model, identity }).site?.conduit.verdict ?? "none";
        if (record.chain) chainVerdicts.set(record.chain, (chainVerdicts.get(record.chain) ?? new Set()).add(verdict));
        else if (!["allowed", "intra_zone"].includes(verdict))
          violations.push(`${verdict} ${record.topic} ${JSON.stringify(record.value)}`);
      }
    }
    expect(violations.slice(0, 5)).toEqual([]);
    const expected: Record<string, string> = {
      "phishing-to-modbus-write": "out_of_window",
      "it-to-plc-conduit-violation": "conduit_violation",
      "vendor-remote-access-bypass": "bypass",
      "frostygoop-modbus-writes": "conduit_violation",
      "s7-plc-stop": "out_of_window",
      "dnp3-cold-restart": "function_violation",
    };
    for (const truth of simulation.truth) {
      expect([...(chainVerdicts.get(truth.chain) ?? [])], truth.chain).toContain(expected[truth.scenario]);
    }
  });
});
