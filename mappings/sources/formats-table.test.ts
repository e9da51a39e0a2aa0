// FORMATS.md (and the README section between the formats markers) must be what the golden outputs say.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FORMATS_FILE, formatsMarkdown, README_FILE, writeFormats } from "./formats-table.ts";

describe("supported formats table", () => {
  it("is generated from the golden outputs and up to date", () => {
    const markdown = formatsMarkdown();
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(FORMATS_FILE)) writeFormats(markdown);
    const committed = readFileSync(FORMATS_FILE, "utf8");
    expect(committed, "stale: run `npx tsx mappings/sources/formats-table.ts --write`").toBe(
      `# Supported input formats\n\n${markdown}`,
    );
    for (const id of ["zeek", "suricata", "malcolm", "elastic-defend", "winlogbeat", "crowdstrike-fdr", "mde"])
      expect(markdown).toContain(`\`${id}\``);
  });

  it("keeps the README section in sync when the markers exist", () => {
    if (!existsSync(README_FILE)) return;
    const readme = readFileSync(README_FILE, "utf8");
    if (!readme.includes("<!-- formats:start -->")) return;
    expect(readme, "stale: run `npx tsx mappings/sources/formats-table.ts --write`").toContain(formatsMarkdown());
  });
});
