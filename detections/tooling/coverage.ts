// ATT&CK for ICS coverage of a rule set: which techniques (per tactic) the rules detect, as a table and as an
// ATT&CK Navigator layer for the ICS domain (layer format 4.5), so gaps are visible next to MITRE's matrix.
import { ATTACK_VERSION, listTactics, listTechniques, lookupTechnique } from "../../mappings/attack/catalog.ts";
import type { CompiledRule } from "../language/compile-rule.ts";

export interface CoverageRow {
  tactic: string;
  tacticName: string;
  technique: string;
  techniqueName: string;
  rules: string[];
}

export interface Coverage {
  attackVersion: string;
  rows: CoverageRow[];
  /** Active ICS techniques with at least one rule / all active ICS techniques. */
  covered: number;
  total: number;
  /** Enterprise techniques the rules also tag (IT steps). */
  enterprise: { technique: string; name: string; rules: string[] }[];
}

export function computeCoverage(rules: readonly CompiledRule[]): Coverage {
  const byTechnique = new Map<string, string[]>();
  for (const rule of rules) {
    for (const id of rule.common.attack) byTechnique.set(id, [...(byTechnique.get(id) ?? []), rule.id]);
  }
  const active = listTechniques("ics").filter((t) => !t.revoked && !t.deprecated);
  const rows: CoverageRow[] = [];
  for (const tactic of listTactics("ics")) {
    for (const t of active) {
      if (!t.tactics.some((x) => x.id === tactic.id)) continue;
      rows.push({
        tactic: tactic.id,
        tacticName: tactic.name,
        technique: t.id,
        techniqueName: t.name,
        rules: byTechnique.get(t.id) ?? [],
      });
    }
  }
  const enterprise = [...byTechnique]
    .filter(([id]) => lookupTechnique(id)?.domain === "enterprise")
    .map(([id, ruleIds]) => ({ technique: id, name: lookupTechnique(id)!.name, rules: ruleIds }))
    .sort((a, b) => a.technique.localeCompare(b.technique));
  return {
    attackVersion: ATTACK_VERSION,
    rows,
    covered: active.filter((t) => byTechnique.has(t.id)).length,
    total: active.length,
    enterprise,
  };
}

/** ATT&CK Navigator layer (ics-attack domain): covered techniques scored by rule count, comment = rule ids. */
export function navigatorLayer(coverage: Coverage, name = "gapwatch rule coverage"): Record<string, unknown> {
  const techniques = coverage.rows.map((row) => ({
    techniqueID: row.technique,
    tactic: listTactics("ics").find((t) => t.id === row.tactic)!.shortname,
    score: row.rules.length,
    comment: row.rules.join(", "),
    enabled: true,
    showSubtechniques: false,
  }));
  return {
    name,
    versions: { attack: coverage.attackVersion.split(".")[0], navigator: "5.1.0", layer: "4.5" },
    domain: "ics-attack",
    description: `Techniques detected by gapwatch rules (${coverage.covered}/${coverage.total} active ATT&CK for ICS v${coverage.attackVersion} techniques)`,
    sorting: 0,
    layout: { layout: "side", showName: true, showID: true },
    hideDisabled: false,
    techniques,
    gradient: { colors: ["#ffffff", "#66b1ff", "#0050a0"], minValue: 0, maxValue: 3 },
    legendItems: [
      { label: "not covered", color: "#ffffff" },
      { label: "covered by 1+ rules", color: "#66b1ff" },
    ],
    showTacticRowBackground: true,
    tacticRowBackground: "#dddddd",
  };
}
