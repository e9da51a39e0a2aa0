// Checks every built-in rule (STYLE.md 5): schema, unique ids and file names, file-name pattern, ATT&CK
// techniques exist and are neither revoked nor deprecated, the tactic in the file name matches the mapping,
// cases exist, hit at least once, stay silent at least once, and pass. Messages start with "<id> <file>".
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { CompiledRule } from "../../detections/language/compile-rule.ts";
import { type LoadedRules, loadRules } from "../../detections/language/load-rules.ts";
import { formatIssue } from "../../detections/language/rule-issue.ts";
import { runCasesFile } from "../../detections/language/run-cases.ts";
import { kindFixtureFiles, runRuleCases } from "../../detections/tooling/rule-tests.ts";
import { checkLock, readLock } from "../../detections/tooling/version-lock.ts";
import { listTactics, lookupTechnique } from "../../mappings/attack/catalog.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const RULES = path.join(repoRoot, "detections/rules");
const FILE_NAME = /^[a-z]+(_[a-z0-9]+)+\.rule\.(ts|yaml)$/;
const DOMAINS = ["it-endpoint", "ot-network", "ot-controller", "cross-domain"];
const TACTIC_PREFIXES = listTactics("ics")
  .map((t) => t.shortname.replaceAll("-", "_"))
  .sort((a, b) => b.length - a.length);

let loaded: LoadedRules;
beforeAll(async () => {
  loaded = await loadRules(RULES);
});

const label = (rule: CompiledRule) => `${rule.id} ${rule.file}`;

describe("rule catalogue", () => {
  it("loads every rule file without errors", () => {
    expect(loaded.issues.map(formatIssue)).toEqual([]);
    expect(loaded.rules.length).toBe(loaded.files.length);
    expect(loaded.rules.length).toBeGreaterThanOrEqual(15);
  });

  it("has unique ids and file names", () => {
    const ids = loaded.rules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const names = loaded.rules.map((r) => path.basename(r.file).replace(/\.rule\.\w+$/, ""));
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("names files <tactic>_<behaviour>.rule.{ts,yaml} in a known domain folder", () => {
    const problems: string[] = [];
    for (const rule of loaded.rules) {
      const base = path.basename(rule.file);
      if (!FILE_NAME.test(base))
        problems.push(`${label(rule)}: file name must be lowercase <tactic>_<behaviour>.rule.ts|yaml`);
      if (!DOMAINS.includes(rule.ruleset))
        problems.push(`${label(rule)}: domain folder ${rule.ruleset} is not one of ${DOMAINS.join(", ")}`);
    }
    expect(problems).toEqual([]);
  });

  it("maps techniques that exist, are active, include ATT&CK for ICS, and match the file-name tactic", () => {
    const problems: string[] = [];
    for (const rule of loaded.rules) {
      const techniques = rule.common.attack.map((id) => ({ id, t: lookupTechnique(id) }));
      for (const { id, t } of techniques) {
        if (!t) problems.push(`${label(rule)}: ${id} is not in the catalog`);
        else if (t.revoked || t.deprecated)
          problems.push(`${label(rule)}: ${id} is ${t.revoked ? "revoked" : "deprecated"}`);
      }
      if (!techniques.some(({ t }) => t?.domain === "ics"))
        problems.push(`${label(rule)}: no ATT&CK for ICS technique`);
      const base = path.basename(rule.file);
      const tactic = TACTIC_PREFIXES.find((p) => base.startsWith(`${p}_`));
      const mapped = new Set(
        techniques.flatMap(({ t }) =>
          t?.domain === "ics" ? t.tactics.map((x) => x.shortname.replaceAll("-", "_")) : [],
        ),
      );
      if (!tactic) problems.push(`${label(rule)}: file name does not start with an ATT&CK for ICS tactic`);
      else if (!mapped.has(tactic))
        problems.push(
          `${label(rule)}: tactic ${tactic} in the file name is not a tactic of its ICS techniques (${[...mapped].join(", ")})`,
        );
    }
    expect(problems).toEqual([]);
  });

  it("has references, false-positive notes and a description for every rule", () => {
    const problems = loaded.rules
      .filter(
        (r) =>
          r.common.references.length === 0 || r.common.false_positives.length === 0 || r.common.description.length < 40,
      )
      .map((r) => `${label(r)}: needs references, false_positives and a real description`);
    expect(problems).toEqual([]);
  });

  it("passes every rule's cases (at least one hit and one silent case each)", async () => {
    const problems: string[] = [];
    for (const rule of loaded.rules) {
      for (const r of await runRuleCases(rule))
        if (!r.ok) problems.push(`${label(rule)} :: ${r.name}: ${r.problems.join("; ")}`);
    }
    expect(problems).toEqual([]);
  });

  it("passes every kind fixture", async () => {
    const problems: string[] = [];
    const files = await kindFixtureFiles(path.join(repoRoot, "detections/kinds"));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) {
      for (const r of await runCasesFile(file))
        if (!r.ok) problems.push(`${r.ruleId} ${r.file} :: ${r.name}: ${r.problems.join("; ")}`);
    }
    expect(problems).toEqual([]);
  });

  it("bumps the version whenever detection logic changes (versions.lock.json)", async () => {
    expect(checkLock(loaded.rules, await readLock(path.join(RULES, "versions.lock.json")))).toEqual([]);
  });

  it("covers the kinds the issue asks for in the built-in pack", () => {
    const kinds = new Set(loaded.rules.map((r) => r.common.kind));
    for (const kind of ["match", "sequence", "threshold", "distinct", "new_terms", "risk", "path"])
      expect(kinds).toContain(kind);
  });
});
