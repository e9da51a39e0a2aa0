// Site-model loading: the example plant, every class of error with file/line/column/key, warnings, and a
// generated model of 10,000 assets in 500 zones (load time is measured in bench/enrich.bench.ts, not here).
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateSiteModel } from "../fixtures/generate-site.ts";
import { loadPlant, plantFile } from "../fixtures/plant.ts";
import { SiteModelError } from "./issues.ts";
import type { SiteModelIssue } from "./model.ts";
import { loadSiteModel, parseSiteModel } from "./parse.ts";

const header = `schema_version: "1"
site: { id: t1, name: Test }
zones:
  - { id: z-a, name: A, purdue_level: 2, kind: supervisory, sl_t: 2, criticality: high, networks: ["10.1.0.0/24"] }
  - { id: z-b, name: B, purdue_level: 1, kind: process, sl_t: 3, criticality: critical, networks: ["10.2.0.0/24"] }
`;

function issuesOf(text: string): SiteModelIssue[] {
  const result = parseSiteModel(text, "site.yaml");
  if (result.ok) throw new Error("expected the model to be rejected");
  return result.issues;
}

describe("parseSiteModel", () => {
  it("loads the example plant with its zones, assets, conduits and no warnings", () => {
    const model = loadPlant();
    expect(model.zones.size).toBe(9);
    expect(model.assets.get("ews01")?.role).toBe("engineering_workstation"); // written as `ews`
    expect(model.conduits.map((c) => c.id)).toContain("c-jump-scada");
    expect(model.zoneTrie.lookup("10.50.0.77")?.id).toBe("z-l2-scada");
    expect(model.zoneTrie.lookup("10.99.1.1")?.id).toBe("z-unknown");
    expect(model.zoneTrie.lookup("8.8.8.8")?.id).toBe("z-internet");
    expect(model.zones.get("z-l2-scada")?.slT).toBe(3); // highest FR of the per-FR vector
    expect(model.warnings).toEqual([]);
    expect(model.file).toBe(plantFile);
  });

  it("names file, line, column and key of an unknown key", () => {
    const line = "  - { id: z-c, name: C, purdue_level: 3, kind: operations, sl_t: 1, criticality: low, colour: red }";
    const issues = issuesOf(`${header}${line}\n`);
    expect(issues).toEqual([
      expect.objectContaining({
        file: "site.yaml",
        line: 6,
        column: line.indexOf("colour") + 1,
        path: "zones[2].colour",
        code: "unknown_key",
      }),
    ]);
  });

  it("reports wrong types, bad enums and missing keys at their keys", () => {
    const issues = issuesOf(`schema_version: "1"
site: { id: t1, name: Test }
zones:
  - id: z-a
    name: A
    purdue_level: 2.5
    kind: supervisory
    sl_t: { IAC: 9 }
  - { id: z-b, name: B, purdue_level: 1, kind: factory, sl_t: 3, criticality: critical }
`);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(byPath["zones[0].purdue_level"]).toMatchObject({ line: 6, column: 19 });
    expect(byPath["zones[0].sl_t.IAC"]).toMatchObject({ line: 8, column: 18 });
    expect(byPath["zones[0].criticality"]?.message).toMatch(/missing required key/);
    expect(byPath["zones[0].criticality"]?.line).toBe(4); // the object that lacks it
    expect(byPath["zones[1].kind"]).toMatchObject({ line: 9, code: "invalid_value" });
  });

  it("reports references to undefined zones, assets, windows and identities", () => {
    const issues = issuesOf(`${header}assets:
  - { id: plc1, zone: z-b, role: plc, ips: ["10.2.0.5"] }
  - { id: hmi1, zone: z-nowhere, role: hmi }
conduits:
  - id: c1
    src_zone: z-a
    dst_zone: z-c
    via: [jump-9]
    windows: [mw-9]
    identities: [mallory]
    services: [{ app: modbus, ports: [502] }]
`);
    const found = issues.map((i) => [i.path, i.code, i.line]);
    expect(found).toHaveLength(5);
    expect(found).toEqual(
      expect.arrayContaining([
        ["assets[1].zone", "unknown_zone", 8],
        ["conduits[0].dst_zone", "unknown_zone", 12],
        ["conduits[0].via[0]", "unknown_asset", 13],
        ["conduits[0].windows[0]", "unknown_window", 14],
        ["conduits[0].identities[0]", "unknown_identity", 15],
      ]),
    );
  });

  it("rejects conflicting claims: one IP on two assets, one network on two zones, duplicate ids", () => {
    const issues =
      issuesOf(`${header}  - { id: z-a, name: A2, purdue_level: 2, kind: supervisory, sl_t: 2, criticality: high, networks: ["10.1.0.0/24"] }
assets:
  - { id: plc1, zone: z-b, role: plc, ips: ["10.2.0.5"] }
  - { id: plc2, zone: z-b, role: plc, ips: ["10.2.0.5", "10.2.0.300"] }
`);
    expect(issues.map((i) => i.code).sort()).toEqual(["bad_ip", "duplicate_id", "duplicate_ip"]);
    expect(issues.find((i) => i.code === "duplicate_ip")).toMatchObject({ path: "assets[1].ips[0]", line: 9 });
  });

  it("rejects an invalid RRULE, an unknown timezone and a function of another protocol", () => {
    const issues = issuesOf(`schema_version: "1"
site: { id: t1, name: Test, timezone: Mars/Olympus }
zones:
  - { id: z-a, name: A, purdue_level: 2, kind: supervisory, sl_t: 2, criticality: high }
maintenance_windows:
  - { id: mw-1, rrule: "FREQ=WEEKLY;BYDAY=SU", duration_minutes: 60 }
conduits:
  - { id: c1, src_zone: z-a, dst_zone: z-a, services: [{ app: modbus, functions_denied: ["dnp3:COLD_RESTART"] }] }
`);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ["site.timezone", "bad_timezone"],
      ["maintenance_windows[0].rrule", "bad_rrule"],
      ["conduits[0].services[0].functions_denied[0]", "function_app_mismatch"],
    ]);
  });

  it("reports YAML syntax errors and duplicate keys with line and column", () => {
    const issues = issuesOf(
      `schema_version: "1"\nsite: { id: t1, name: Test }\nsite: { id: t2, name: Again }\nzones: [\n`,
    );
    expect(issues[0]).toMatchObject({ file: "site.yaml", line: 3, column: 1, code: "yaml_duplicate_key" });
  });

  it("reports an alias to an undefined anchor and an alias bomb instead of throwing", () => {
    expect(issuesOf(`${header}assets: *nope\n`)[0]).toMatchObject({ code: "yaml_alias", line: 6, column: 9 });
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(", ")}]`,
      );
    expect(issuesOf(bomb.join("\n"))[0]).toMatchObject({
      code: "yaml_alias",
      message: expect.stringMatching(/alias count/i),
    });
  });

  it("loads the same model whether js-yaml (plain text) or yaml (anchors) reads it", () => {
    const plain = parseSiteModel(`${header}assets:\n  - { id: plc1, zone: z-b, role: plc, ips: ["10.2.0.5"] }\n`);
    const anchored = parseSiteModel(`${header}assets:\n  - { id: &p plc1, zone: z-b, role: plc, ips: ["10.2.0.5"] }\n`);
    if (!plain.ok || !anchored.ok) throw new Error("expected both to load");
    expect([...anchored.model.assets.values()]).toEqual([...plain.model.assets.values()]);
    expect(anchored.model.zones).toEqual(plain.model.zones);
  });

  it("keeps non-fatal problems as warnings with locations", () => {
    const result = parseSiteModel(
      `${header}assets:\n  - { id: plc1, zone: z-b, role: plc, ips: ["10.1.0.9"] }\n`,
      "site.yaml",
    );
    expect(result.ok && result.model.warnings).toEqual([
      expect.objectContaining({ code: "ip_outside_zone", path: "assets[0].ips[0]", line: 7 }),
    ]);
  });

  it("loadSiteModel throws a located ConfigError listing every problem", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gapwatch-site-"));
    const file = path.join(dir, "bad.yaml");
    await writeFile(
      file,
      `${header}assets:\n  - { id: x1, zone: z-q, role: plc }\n  - { id: x2, zone: z-a, role: robot }\n`,
    );
    const error = await loadSiteModel(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SiteModelError);
    const e = error as SiteModelError;
    expect(e.code).toBe("site_model_invalid");
    // The shape is checked before references: the bad role is reported, the unknown zone after it is fixed.
    expect(e.location).toMatchObject({ file, line: 8, column: 32, field: "assets[1].role" });
    expect(e.message).toContain(`${file}:8:32 assets[1].role: Invalid option`);
    expect(e.issues).toHaveLength(1);
    await expect(loadSiteModel(path.join(dir, "missing.yaml"))).rejects.toThrow(/ENOENT/);
  });

  it("loads a generated model of 10,000 assets in 500 zones", () => {
    const generated = generateSiteModel(500, 10_000);
    const result = parseSiteModel(generated.yaml, "generated.yaml");
    if (!result.ok)
      throw new Error(
        result.issues
          .slice(0, 3)
          .map((i) => i.message)
          .join("; "),
      );
    expect(result.model.assets.size).toBe(10_000);
    expect(result.model.zones.size).toBe(501);
    expect(result.model.assetByIp.get(generated.assetIps[9_999]!)?.id).toBe("a-9999");
    expect(result.model.zoneTrie.lookup(generated.strayIps[0]!)?.id).toBe("z-0");
  });
});
