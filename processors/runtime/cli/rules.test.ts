import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerRules } from "./rules.ts";

async function run(...args: string[]): Promise<{ code: number; stdout: string }> {
  const program = new Command("gapwatch").exitOverride();
  registerRules(program);
  let stdout = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  try {
    await program.parseAsync(["node", "gapwatch", "rules", ...args]);
  } finally {
    spy.mockRestore();
  }
  const code = typeof process.exitCode === "number" ? process.exitCode : 0;
  process.exitCode = undefined;
  return { code, stdout };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe("gapwatch rules", () => {
  it("validate: the built-in pack is valid (exit 0, --json)", async () => {
    const { code, stdout } = await run("validate", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).issues).toEqual([]);
  });

  it("validate: reports file, line, rule id and field, and exits 1", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gw-cli-"));
    await writeFile(path.join(dir, "broken_rule.rule.yaml"), "id: GW-0995\nversion: 1\nkind: match\nmatch: {}\n");
    const { code, stdout } = await run("validate", dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/broken_rule\.rule\.yaml:\d+(:\d+)? GW-0995 title: /);
  });

  it("test: every built-in rule's cases and the kind fixtures pass", async () => {
    const { code, stdout } = await run("test", "--json");
    const report = JSON.parse(stdout);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThan(100);
    expect(code).toBe(0);
  });

  it("coverage: writes an ATT&CK Navigator layer for the ICS domain", async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "gw-cli-")), "layer.json");
    const { code, stdout } = await run("coverage", "--navigator", file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ATT&CK for ICS v18\.1: \d+\/83 active techniques covered/);
    const layer = JSON.parse(await readFile(file, "utf8"));
    expect(layer.domain).toBe("ics-attack");
    expect(layer.techniques.find((t: { techniqueID: string }) => t.techniqueID === "T0843").score).toBeGreaterThan(0);
  });
});
