// The README promises a newcomer two commands and documents the CLI; these checks keep it true.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readmeWithCommandTable } from "../../processors/runtime/cli/command-table.ts";

const root = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

describe("README.md", () => {
  it("has the command table the CLI renders (refresh: npx tsx processors/runtime/cli/command-table.ts --write)", () => {
    expect(readme).toBe(readmeWithCommandTable(readme));
  });

  it("gives the test command that .ci/run calls, and a demo script that exists", () => {
    const ci = readFileSync(path.join(root, ".ci/run"), "utf8");
    const scripts = (
      JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    expect(readme).toContain("npm test ");
    expect(ci).toMatch(/^npm test /m);
    expect(readme).toContain("npm ci && npm run demo");
    expect(scripts.demo).toBe("node bin/gapwatch.js demo");
  });
});
