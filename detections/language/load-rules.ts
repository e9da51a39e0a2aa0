// Loads every `*.rule.ts` and `*.rule.yaml` under a directory into compiled rules. A file that fails is
// reported (file, line for YAML, rule id, field) and the others still load. Duplicate ids are errors.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { LineCounter, parseDocument } from "yaml";
import { type CompiledRule, compileRule } from "./compile-rule.ts";
import type { RuleIssue } from "./rule-issue.ts";
import { locate } from "./yaml-locate.ts";

export interface LoadedRules {
  rules: CompiledRule[];
  issues: RuleIssue[];
  files: string[];
}

export const RULE_FILE = /\.rule\.(ts|ya?ml)$/;

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (RULE_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

/** The rules folder domain of a file: the directory right under `rules/`, else its parent's name. */
function rulesetOf(root: string, file: string): string {
  const rel = path.relative(root, file).split(path.sep);
  return rel.length > 1 ? rel[0]! : path.basename(path.dirname(file));
}

/** Best-effort line for TypeScript rules: the first `name:` of the deepest named segment of the field. */
function locateInSource(text: string, issues: RuleIssue[]): void {
  const lines = text.split("\n");
  for (const issue of issues) {
    const names = issue.field.split(/[.[\]]+/).filter((p) => /^[a-z_]+$/i.test(p));
    for (const name of names.reverse()) {
      const pattern = new RegExp(`^\\s*"?${name}"?\\s*:`);
      const index = lines.findIndex((l) => pattern.test(l));
      if (index >= 0) {
        issue.line = index + 1;
        break;
      }
    }
  }
}

export async function loadRuleFile(file: string, root: string): Promise<{ rule?: CompiledRule; issues: RuleIssue[] }> {
  const display = path.relative(process.cwd(), file) || file;
  const source = { file: display, ruleset: rulesetOf(root, file) };
  if (file.endsWith(".ts")) {
    let raw: unknown;
    try {
      raw = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    } catch (error) {
      return { issues: [{ file: display, field: "(file)", message: `cannot import: ${(error as Error).message}` }] };
    }
    if (raw === undefined)
      return {
        issues: [{ file: display, field: "(file)", message: "no default export (export default defineRule({...}))" }],
      };
    const compiled = compileRule(raw, source);
    if (compiled.issues.length > 0) locateInSource(await readFile(file, "utf8"), compiled.issues);
    return compiled;
  }
  const counter = new LineCounter();
  const doc = parseDocument(await readFile(file, "utf8"), { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const issue: RuleIssue = { file: display, field: "(yaml)", message: e.message.split("\n")[0]! };
        if (pos) Object.assign(issue, { line: pos.line, column: pos.col });
        return issue;
      }),
    };
  }
  const compiled = compileRule(doc.toJS(), source);
  for (const issue of compiled.issues) {
    const pos = locate(doc, counter, issue.field);
    if (pos) Object.assign(issue, pos);
  }
  return compiled;
}

export async function loadRules(dir: string): Promise<LoadedRules> {
  const root = path.resolve(dir);
  const files = (await walk(root)).filter((f) => !f.split(path.sep).includes("_deprecated"));
  const rules: CompiledRule[] = [];
  const issues: RuleIssue[] = [];
  const ids = new Map<string, string>();
  for (const file of files) {
    const loaded = await loadRuleFile(file, root);
    issues.push(...loaded.issues);
    if (!loaded.rule) continue;
    const previous = ids.get(loaded.rule.id);
    if (previous) {
      issues.push({
        file: loaded.rule.file,
        ruleId: loaded.rule.id,
        field: "id",
        message: `duplicate rule id (also in ${previous})`,
      });
      continue;
    }
    ids.set(loaded.rule.id, loaded.rule.file);
    rules.push(loaded.rule);
  }
  return { rules, issues, files };
}
