import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileRule } from "./compile-rule.ts";
import { loadRules } from "./load-rules.ts";

const base = {
  id: "GW-0998",
  version: 1,
  title: "A test rule for the compiler",
  description: "Used by unit tests of the rule compiler only.",
  author: ["tests"],
  maturity: "experimental",
  created: "2026-01-01",
  updated: "2026-01-01",
  severity: "high",
  risk_score: 50,
  attack: ["T0855"],
  references: ["https://attack.mitre.org/techniques/T0855/"],
  false_positives: ["none"],
  kind: "match",
  match: { where: { field: "ot.action", equals: "write" }, by: ["source.ip"] },
};
const source = { file: "x.rule.yaml", ruleset: "tests" };

describe("compileRule", () => {
  it("compiles a valid rule", () => {
    const { rule, issues } = compileRule(base, source);
    expect(issues).toEqual([]);
    expect(rule?.id).toBe("GW-0998");
  });
  it("rejects deprecated, revoked, unknown and Enterprise-only techniques with the field", () => {
    const fields = (attack: string[]) =>
      compileRule({ ...base, attack }, source).issues.map((i) => `${i.field}: ${i.message}`);
    expect(fields(["T0875"])[0]).toMatch(/^attack.0: T0875 .* deprecated/);
    expect(fields(["T1002"])[0]).toMatch(/revoked/);
    expect(fields(["T0999"])[0]).toMatch(/not in the ATT&CK catalog/);
    expect(fields(["T1021.001"])[0]).toMatch(/ATT&CK for ICS technique/);
  });
  it("names the rule id and the kind field of parameter errors, and unknown fields", () => {
    const { issues } = compileRule(
      { ...base, match: { where: { field: "ot.action", equals: "write" } }, extra: 1 },
      source,
    );
    expect(issues.map((i) => [i.ruleId, i.field])).toEqual([
      ["GW-0998", "extra"],
      ["GW-0998", "match.by"],
    ]);
  });
});

describe("loadRules", () => {
  it("reports YAML errors with line and column and still loads the other files", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gw-rules-"));
    await writeFile(path.join(dir, "good_one.rule.yaml"), JSON.stringify(base));
    const bad = ["id: GW-0997", "version: 1", "kind: sequence", "sequence:", "  maxspan: soon", "  steps: []"].join(
      "\n",
    );
    await writeFile(path.join(dir, "bad_one.rule.yaml"), bad);
    const { rules, issues } = await loadRules(dir);
    expect(rules.map((r) => r.id)).toEqual(["GW-0998"]);
    const maxspan = issues.find((i) => i.field === "title");
    expect(maxspan?.ruleId).toBe("GW-0997");
    expect(issues.every((i) => i.file.endsWith("bad_one.rule.yaml"))).toBe(true);
  });
  it("points kind parameter errors at their YAML line", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gw-rules-"));
    const { match: _match, ...rest } = base;
    const yaml = `${Object.entries({ ...rest, id: "GW-0996", kind: "threshold" })
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join(
        "\n",
      )}\nthreshold:\n  where: { field: ot.action, equals: write }\n  by: [source.ip]\n  window: soon\n  threshold: 3\n`;
    await writeFile(path.join(dir, "t.rule.yaml"), yaml);
    const { issues } = await loadRules(dir);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ ruleId: "GW-0996", field: "threshold.window", line: 18 });
  });
});
