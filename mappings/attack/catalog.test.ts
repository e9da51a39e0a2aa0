import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ATTACK_VERSION, listTactics, listTechniques, lookupTactic, lookupTechnique } from "./catalog.ts";
import { buildCatalog, DEFAULT_SOURCE } from "./generate-catalog.ts";

describe("ATT&CK catalog", () => {
  it("resolves ICS techniques with their tactics and reference", () => {
    const t = lookupTechnique("T0843");
    expect(t).toMatchObject({ id: "T0843", name: "Program Download", domain: "ics" });
    expect(t?.reference).toBe("https://attack.mitre.org/techniques/T0843");
    expect(t?.tactics.map((x) => x.id)).toContain("TA0109");
  });
  it("resolves Enterprise sub-techniques", () => {
    const t = lookupTechnique("t1021.001");
    expect(t).toMatchObject({ id: "T1021.001", name: "Remote Desktop Protocol", domain: "enterprise" });
    expect(t?.reference).toBe("https://attack.mitre.org/techniques/T1021/001");
  });
  it("flags deprecated and revoked techniques", () => {
    expect(lookupTechnique("T0875")?.deprecated).toBe(true);
    expect(lookupTechnique("T1002")?.revoked).toBe(true);
    expect(lookupTechnique("T9999")).toBeUndefined();
  });
  it("resolves tactics by id or short name", () => {
    expect(lookupTactic("TA0106")?.name).toBe("Impair Process Control");
    expect(lookupTactic("lateral-movement", "ics")?.id).toBe("TA0109");
    expect(lookupTactic("lateral-movement", "enterprise")?.id).toBe("TA0008");
  });
  it("is pinned to one version with the full ICS matrix", () => {
    expect(ATTACK_VERSION).toBe("18.1");
    expect(listTactics("ics")).toHaveLength(12);
    expect(listTechniques("ics")).toHaveLength(95);
  });
});

describe("committed catalog is what the generator produces", () => {
  const source = DEFAULT_SOURCE;
  it.skipIf(!existsSync(source))(`matches a fresh build from ${source} (skipped when ../shared/data is absent)`, () => {
    const committed = JSON.parse(readFileSync(new URL("./catalog-v18.1.json", import.meta.url), "utf8"));
    expect(JSON.parse(JSON.stringify(buildCatalog(source)))).toEqual(committed);
  });
});
