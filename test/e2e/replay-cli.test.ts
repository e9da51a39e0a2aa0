// `gapwatch simulate` then `gapwatch replay` (the two CLIs, as a user runs them) give exactly the incidents of
// the in-process offline demo, and those incidents detect every chain with no false positive.
import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { toIncidentView } from "../../processors/simulate/incident-view.ts";
import { scoreIncidents } from "../../processors/simulate/truth.ts";
import { E2E_CONFIG, simulateAndReplay } from "./support.ts";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "../..");
const gapwatch = (...args: string[]) =>
  exec(process.execPath, [path.join(repo, "bin/gapwatch.js"), ...args], { cwd: repo, maxBuffer: 50_000_000 });

describe("simulate + replay CLIs", () => {
  it("give the same incidents as the in-process pipeline", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "gapwatch-cli-"));
    await gapwatch(
      "simulate",
      "--out",
      dir,
      "--seed",
      E2E_CONFIG.seed,
      "--duration",
      String(E2E_CONFIG.durationMinutes),
      "--it-hosts",
      String(E2E_CONFIG.plant.itHosts),
    );
    const out = path.join(dir, "incidents.ndjson");
    await gapwatch("replay", path.join(dir, "records"), "--site", path.join(dir, "site.yaml"), "--out", out, "--quiet");
    const documents = (await readFile(out, "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as unknown);
    const fromCli = documents.map(toIncidentView);
    const inProcess = await simulateAndReplay();
    expect(fromCli.map((i) => i.id).sort()).toEqual(inProcess.incidents.map((i) => i.id).sort());
    const truth = JSON.parse(await readFile(path.join(dir, "truth.json"), "utf8"));
    const card = scoreIncidents(truth, fromCli);
    expect(card.detected).toBe(card.expected);
    expect(card.falsePositives).toEqual([]);
  }, 180_000);
});
