// Every named attack chain, replayed with the plant's background traffic through the real pipeline and the
// built-in rule pack, is detected with the ATT&CK for ICS techniques of its public reporting, by the rules
// that cover it; background traffic raises nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { scenarioNames } from "../../processors/simulate/scenarios/names.ts";
import { type ScenarioRun, simulateAndReplay } from "./support.ts";

let run: ScenarioRun;

beforeAll(async () => {
  run = await simulateAndReplay();
}, 120_000);

describe("attack scenarios through replay", () => {
  it("reads every simulated record without a dead letter (formats whose normaliser exists)", () => {
    const { unknown_format: _unknown, ...others } = run.deadLetters;
    expect(others).toEqual({});
  });

  it.for([...scenarioNames])("detects %s with its techniques and rules", (name, ctx) => {
    const truth = run.simulation.truth.find((t) => t.scenario === name)!;
    const score = run.card.chains.find((c) => c.chain === truth.chain)!;
    // A chain that needs a source format whose normaliser has not landed cannot be judged yet.
    const needs = truth.topics.filter((t) => run.missingFormats.has(`${t}.ndjson`));
    const complete = score.detected && score.missingRules.length === 0;
    if (!complete && needs.length > 0)
      ctx.skip(`no normaliser yet for ${needs.join(", ")}, which ${truth.chain} needs`);
    expect(score.missingTechniques, `${truth.chain} incidents: ${score.rules.join(",")}`).toEqual([]);
    expect(score.detected).toBe(true);
    expect(score.missingRules).toEqual([]);
  });

  it("raises no incident on background traffic", () => {
    expect(
      run.card.falsePositives.map((i) => `${i.ruleId} ${i.ips.join(",")} ${new Date(i.firstSeen).toISOString()}`),
    ).toEqual([]);
  });

  it("raises nothing at all on a plant with no attack", async () => {
    const quiet = await simulateAndReplay({ scenarios: [] });
    expect(quiet.incidents.map((i) => `${i.ruleId} ${i.ips.join(",")}`)).toEqual([]);
  }, 120_000);
});
