// The checked-in JSON Schema is the one generated from the loader's zod schema, and the research proposal's
// example plant (../shared/data/zones, when present) still loads: the format stays compatible with it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../processors/enrich/fixtures/plant.ts";
import { parseSiteModel } from "../../processors/enrich/site/parse.ts";
import { schemaFile, siteModelJsonSchema } from "./json-schema.ts";

describe("site-model JSON Schema", () => {
  it("is up to date (regenerate with `npx tsx mappings/site/json-schema.ts`)", () => {
    // Compared as data: the formatter may lay the file out differently from JSON.stringify.
    expect(JSON.parse(readFileSync(schemaFile, "utf8"))).toEqual(JSON.parse(siteModelJsonSchema()));
  });

  const proposal = path.resolve(repoRoot, "../shared/data/zones/zones-conduits.example.yaml");
  it.skipIf(!existsSync(proposal))(
    "loads the proposal's example plant unchanged (skipped without ../shared/data)",
    () => {
      const result = parseSiteModel(readFileSync(proposal, "utf8"), proposal);
      expect(result.ok ? [] : result.issues).toEqual([]);
    },
  );
});
