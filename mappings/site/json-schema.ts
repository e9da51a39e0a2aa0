// The site-model JSON Schema, generated from the zod schema the loader validates with (so the two cannot
// drift): editors use it for completion and inline errors (`# yaml-language-server: $schema=...`).
// `npx tsx mappings/site/json-schema.ts` rewrites site-model.schema.json; json-schema.test.ts checks it is current.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { SiteModelDocument } from "../../processors/enrich/site/schema.ts";

export const schemaFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "site-model.schema.json");

export function siteModelJsonSchema(): string {
  const schema = z.toJSONSchema(SiteModelDocument, { io: "input", target: "draft-2020-12" });
  const document = {
    ...schema,
    $id: "https://github.com/gapwatch/gapwatch/mappings/site/site-model.schema.json",
    title: "gapwatch site model: IEC 62443 zones and conduits, Purdue levels, assets, identities, maintenance windows",
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(schemaFile, siteModelJsonSchema());
  process.stdout.write(`wrote ${schemaFile}\n`);
}
