// `gapwatch demo --offline`: the README's first command without Kafka or Elasticsearch scores every chain
// detected, no false positive, and exits 0.
import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const exec = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "../..");

describe("gapwatch demo --offline", () => {
  it("detects every chain with no false positive and exits 0", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "gapwatch-demo-"));
    const { stdout } = await exec(
      process.execPath,
      [path.join(repo, "bin/gapwatch.js"), "demo", "--offline", "--json", "--it-hosts", "40", "--dir", dir],
      { cwd: repo, maxBuffer: 20_000_000 },
    );
    const result = JSON.parse(stdout) as {
      mode: string;
      card: { expected: number; detected: number; falsePositives: unknown[] };
    };
    expect(result.mode).toBe("offline");
    expect(result.card.expected).toBe(6);
    expect(result.card.detected).toBe(6);
    expect(result.card.falsePositives).toEqual([]);
  }, 180_000);
});
