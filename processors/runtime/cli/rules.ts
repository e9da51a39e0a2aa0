// `gapwatch rules validate|test|coverage|list`: rule tooling that works offline (ARCHITECTURE.md 4 and 8).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { loadRules } from "../../../detections/language/load-rules.ts";
import { formatIssue } from "../../../detections/language/rule-issue.ts";
import type { CaseResult } from "../../../detections/language/run-cases.ts";
import { runCasesFile } from "../../../detections/language/run-cases.ts";
import { computeCoverage, navigatorLayer } from "../../../detections/tooling/coverage.ts";
import { kindFixtureFiles, runRuleCases } from "../../../detections/tooling/rule-tests.ts";
import { checkLock, readLock, writeLock } from "../../../detections/tooling/version-lock.ts";
import { exitCodes } from "./exit-codes.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const DEFAULT_RULES = path.join(repoRoot, "detections/rules");
const KINDS_DIR = path.join(repoRoot, "detections/kinds");

interface TestOptions {
  json?: boolean;
  fixtures: boolean;
  rule?: string;
  show?: boolean;
}

const out = (text: string) => process.stdout.write(`${text}\n`);

async function load(dir: string | undefined) {
  const root = path.resolve(dir ?? DEFAULT_RULES);
  try {
    return await loadRules(root);
  } catch (error) {
    process.stderr.write(`gapwatch rules: cannot read ${root}: ${(error as Error).message}\n`);
    process.exitCode = exitCodes.config;
    return undefined;
  }
}

export function registerRules(program: Command): void {
  const rules = program.command("rules").description("Validate, test and measure the detection rules (offline)");

  rules
    .command("validate [dir]")
    .description("Check every rule file; each error names file, line (YAML), rule id and field")
    .option("--json", "machine-readable output")
    .action(async (dir: string | undefined, opts: { json?: boolean }) => {
      const loaded = await load(dir);
      if (!loaded) return;
      if (opts.json)
        out(
          JSON.stringify(
            { rules: loaded.rules.map((r) => r.id), files: loaded.files.length, issues: loaded.issues },
            null,
            2,
          ),
        );
      else {
        for (const issue of loaded.issues) out(formatIssue(issue));
        out(`${loaded.rules.length} rule(s) valid, ${loaded.issues.length} error(s) in ${loaded.files.length} file(s)`);
      }
      if (loaded.issues.length > 0) process.exitCode = exitCodes.failed;
    });

  rules
    .command("test [dir]")
    .description("Run every rule's cases (events in, incidents expected) and the kind fixtures")
    .option("--json", "machine-readable output")
    .option("--no-fixtures", "skip detections/kinds/*/fixtures")
    .option("--rule <id>", "only this rule's cases")
    .option("--show", "print the incidents each case produced")
    .action(async (dir: string | undefined, opts: TestOptions) => {
      const loaded = await load(dir);
      if (!loaded) return;
      const results: CaseResult[] = [];
      for (const rule of loaded.rules)
        if (!opts.rule || rule.id === opts.rule) results.push(...(await runRuleCases(rule)));
      if (opts.fixtures && dir === undefined && !opts.rule) {
        for (const f of await kindFixtureFiles(KINDS_DIR)) results.push(...(await runCasesFile(f)));
      }
      const failed = results.filter((r) => !r.ok);
      if (opts.json) {
        const rows = results.map(({ incidents, ...r }) => ({
          ...r,
          incidents: opts.show ? incidents : incidents.length,
        }));
        out(
          JSON.stringify(
            { passed: results.length - failed.length, failed: failed.length, issues: loaded.issues, results: rows },
            null,
            2,
          ),
        );
      } else {
        for (const issue of loaded.issues) out(`ERROR ${formatIssue(issue)}`);
        for (const r of results) {
          out(
            `${r.ok ? "ok  " : "FAIL"} ${r.ruleId} ${r.file} :: ${r.name}${r.ok ? "" : `\n     ${r.problems.join("\n     ")}`}`,
          );
          if (opts.show)
            for (const i of r.incidents)
              out(`       -> ${i.id} ${i.severity}/${i.risk_score} x${i.count} ${i.message}`);
        }
        out(
          `${results.length - failed.length} passed, ${failed.length} failed, ${loaded.issues.length} invalid rule file(s)`,
        );
      }
      if (failed.length > 0 || loaded.issues.length > 0) process.exitCode = exitCodes.failed;
    });

  rules
    .command("coverage [dir]")
    .description("ATT&CK for ICS coverage table and an ATT&CK Navigator layer (ics-attack)")
    .option("--navigator <file>", "write an ATT&CK Navigator layer JSON")
    .option("--json", "machine-readable output")
    .action(async (dir: string | undefined, opts: { json?: boolean; navigator?: string }) => {
      const loaded = await load(dir);
      if (!loaded) return;
      const coverage = computeCoverage(loaded.rules);
      if (opts.navigator) await writeFile(opts.navigator, `${JSON.stringify(navigatorLayer(coverage), null, 2)}\n`);
      if (opts.json) {
        out(JSON.stringify(coverage, null, 2));
        return;
      }
      out(
        `ATT&CK for ICS v${coverage.attackVersion}: ${coverage.covered}/${coverage.total} active techniques covered by ${loaded.rules.length} rules\n`,
      );
      out("| tactic | technique | rules |\n|---|---|---|");
      for (const row of coverage.rows)
        out(`| ${row.tacticName} | ${row.technique} ${row.techniqueName} | ${row.rules.join(", ") || "-"} |`);
      out("\nEnterprise techniques tagged on IT steps:");
      for (const e of coverage.enterprise) out(`  ${e.technique} ${e.name}: ${e.rules.join(", ")}`);
      if (opts.navigator) out(`\nNavigator layer written to ${opts.navigator}`);
    });

  rules
    .command("lock [dir]")
    .description("Record each rule's version and logic hash in versions.lock.json (after review)")
    .option("--check", "only check: exit 1 when logic changed without a version bump")
    .action(async (dir: string | undefined, opts: { check?: boolean }) => {
      const loaded = await load(dir);
      if (!loaded) return;
      const file = path.join(path.resolve(dir ?? DEFAULT_RULES), "versions.lock.json");
      const previous = await readLock(file);
      const problems = checkLock(loaded.rules, previous);
      if (opts.check) {
        for (const p of problems) out(p);
        out(`${problems.length} version lock problem(s)`);
        if (problems.length > 0) process.exitCode = exitCodes.failed;
        return;
      }
      const stale = problems.filter((p) => p.includes("without a version bump") || p.includes("below the locked"));
      if (stale.length > 0) {
        for (const p of stale) out(p);
        process.exitCode = exitCodes.failed;
        return;
      }
      await writeLock(file, loaded.rules, previous);
      out(`locked ${loaded.rules.length} rule(s) in ${file}`);
    });

  rules
    .command("list [dir]")
    .description("List rules: id, kind, severity, title, file")
    .option("--json", "machine-readable output")
    .action(async (dir: string | undefined, opts: { json?: boolean }) => {
      const loaded = await load(dir);
      if (!loaded) return;
      const rows = loaded.rules.map((r) => ({
        id: r.id,
        kind: r.common.kind,
        severity: r.common.severity,
        title: r.common.title,
        attack: r.common.attack,
        file: r.file,
      }));
      if (opts.json) out(JSON.stringify(rows, null, 2));
      else for (const r of rows) out(`${r.id}  ${r.kind.padEnd(9)} ${r.severity.padEnd(8)} ${r.title}  (${r.file})`);
    });
}
