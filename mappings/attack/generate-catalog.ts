// Generates catalog-v18.1.json, gapwatch's compact pinned copy of ATT&CK for ICS and Enterprise (ids, names,
// tactics, revoked/deprecated flags), from the extracted catalogs in ../shared/data/attack-ics. Run once per
// ATT&CK release: `npx tsx mappings/attack/generate-catalog.ts [sourceDir]`; commit the output, review the diff.
// The project reads only the generated file, so clones without ../shared still build and test.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const VERSION = "18.1";
const here = path.dirname(fileURLToPath(import.meta.url));

interface SourceTactic {
  id: string;
  shortname: string;
  name: string;
}
interface SourceTechnique {
  id: string;
  name: string;
  tactics: SourceTactic[];
  deprecated: boolean;
  revoked: boolean;
  revoked_by?: string | null;
}
interface SourceCatalog {
  source: unknown;
  license_note: string;
  tactics: SourceTactic[];
  techniques: SourceTechnique[];
}

/** Compact row: [id, name, tactic ids, flags] where flags is "", "r" (revoked) or "d" (deprecated). */
type TechniqueRow = [string, string, string[], string];

function compact(catalog: SourceCatalog): { tactics: [string, string, string][]; techniques: TechniqueRow[] } {
  return {
    tactics: catalog.tactics.map((t) => [t.id, t.shortname, t.name]),
    techniques: catalog.techniques
      .map((t): TechniqueRow => [t.id, t.name, t.tactics.map((x) => x.id), t.revoked ? "r" : t.deprecated ? "d" : ""])
      .sort((a, b) => a[0].localeCompare(b[0])),
  };
}

/** The compact catalog built from MITRE's extracted catalogs in `sourceDir`. */
export function buildCatalog(sourceDir: string) {
  const read = (file: string) => JSON.parse(readFileSync(path.join(sourceDir, file), "utf8")) as SourceCatalog;
  const ics = read(`ics-catalog-v${VERSION}.json`);
  const enterprise = read(`enterprise-catalog-v${VERSION}.json`);
  return {
    attack_version: VERSION,
    generated_by: "mappings/attack/generate-catalog.ts",
    sources: { ics: ics.source, enterprise: enterprise.source },
    license: ics.license_note,
    ics: compact(ics),
    enterprise: compact(enterprise),
  };
}

function main(sourceDir: string): void {
  const out = buildCatalog(sourceDir);
  const target = path.join(here, `catalog-v${VERSION}.json`);
  writeFileSync(target, `${JSON.stringify(out)}\n`);
  process.stdout.write(
    `wrote ${target}: ${out.ics.techniques.length} ICS, ${out.enterprise.techniques.length} Enterprise techniques\n`,
  );
}

export const DEFAULT_SOURCE = path.resolve(here, "../../../shared/data/attack-ics");

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main(process.argv[2] ?? DEFAULT_SOURCE);
