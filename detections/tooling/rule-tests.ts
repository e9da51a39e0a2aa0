// Finds and runs every rule's cases (`<name>.cases.yaml` beside `<name>.rule.ts|yaml`) and, optionally, the
// kind fixtures with inline rules. Shared by `gapwatch rules test` and test/catalogue.
import { access, readdir } from "node:fs/promises";
import path from "node:path";
import type { CompiledRule } from "../language/compile-rule.ts";
import { type CaseResult, runCasesFile } from "../language/run-cases.ts";

export function casesFileOf(ruleFile: string): string {
  return ruleFile.replace(/\.rule\.(ts|ya?ml)$/, ".cases.yaml");
}

export async function runRuleCases(rule: CompiledRule): Promise<CaseResult[]> {
  const file = path.resolve(casesFileOf(rule.file));
  try {
    await access(file);
  } catch {
    return [
      {
        ruleId: rule.id,
        file: rule.file,
        name: "(cases)",
        ok: false,
        problems: [`missing ${path.basename(file)} beside the rule`],
        incidents: [],
      },
    ];
  }
  const results = await runCasesFile(file, rule);
  const hits = results.filter((r) => r.incidents.length > 0).length;
  const silent = results.length - hits;
  if (hits === 0 || silent === 0) {
    results.push({
      ruleId: rule.id,
      file: rule.file,
      name: "(cases)",
      ok: false,
      problems: ["cases need at least one case that hits and one that stays silent"],
      incidents: [],
    });
  }
  return results;
}

/** Every `*.cases.yaml` under detections/kinds/<kind>/fixtures. */
export async function kindFixtureFiles(kindsDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const kind of (await readdir(kindsDir, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    const dir = path.join(kindsDir, kind.name, "fixtures");
    const files = await readdir(dir).catch(() => [] as string[]);
    for (const f of files.filter((x) => x.endsWith(".cases.yaml")).sort()) out.push(path.join(dir, f));
  }
  return out;
}
