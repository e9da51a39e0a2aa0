// Runs a rule's cases through the real engine (one fresh engine per case) and compares the final incidents
// with the expectation. Used by `gapwatch rules test` and test/catalogue. Messages start with "<id> <file>".
import { readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { createEngine } from "../../processors/detect/engine.ts";
import type { Incident } from "../shared/incident.ts";
import { CasesFile, type RuleCase } from "./cases-schema.ts";
import { type CompiledRule, compileRule } from "./compile-rule.ts";
import { parseDuration } from "./duration.ts";
import { formatIssue } from "./rule-issue.ts";

export interface CaseResult {
  ruleId: string;
  file: string;
  name: string;
  ok: boolean;
  problems: string[];
  incidents: Incident[];
}

const offset = (text: string) => (text.startsWith("-") ? -parseDuration(text.slice(1))! : parseDuration(text)!);

function merge(base: unknown, over: unknown): unknown {
  if (!over || typeof over !== "object" || Array.isArray(over)) return over ?? base;
  if (!base || typeof base !== "object" || Array.isArray(base)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
  return out;
}

export async function readCases(file: string): Promise<{ cases?: CasesFile; error?: string }> {
  const counter = new LineCounter();
  const doc = parseDocument(await readFile(file, "utf8"), { lineCounter: counter });
  if (doc.errors.length > 0) return { error: doc.errors[0]!.message.split("\n")[0]! };
  const parsed = CasesFile.safeParse(doc.toJS());
  if (!parsed.success) return { error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  return { cases: parsed.data };
}

function runCase(rule: CompiledRule, file: string, spec: CasesFile, c: RuleCase): CaseResult {
  const base = Date.parse(spec.base);
  const engine = createEngine({
    rules: [rule],
    allowedLatenessMs: offset(spec.lateness),
    stateBounds: { maxEntriesPerRule: 10_000, ttlMs: 365 * 86_400_000 },
  });
  const problems: string[] = [];
  const incidents = new Map<string, Incident>();
  let late = 0;
  c.steps.forEach((step, i) => {
    if ("watermark" in step) {
      for (const inc of engine.advanceWatermark(step.partition, base + offset(step.watermark)).incidents)
        incidents.set(inc.id, inc);
      return;
    }
    const template = step.use ? spec.templates[step.use] : {};
    if (step.use && !template) problems.push(`step ${i + 1}: unknown template "${step.use}"`);
    const defaults = {
      "@timestamp": new Date(base + offset(step.at)).toISOString(),
      event: { kind: "event", category: ["network"], dataset: "case" },
      observer: { type: "ot-sensor" },
      gapwatch: {
        schema_version: "1",
        provenance: { format: "case", schema: "cases.yaml", file: path.basename(file), line: i + 1 },
      },
    };
    const merged = merge(merge(defaults, template), step.event) as Record<string, unknown>;
    merged["@timestamp"] = defaults["@timestamp"];
    const event = CanonicalEvent.safeParse(merged);
    if (!event.success) {
      problems.push(
        `step ${i + 1}: not a canonical event: ${event.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`,
      );
      return;
    }
    const out = engine.process(event.data, step.partition, step.key === undefined ? {} : { key: step.key });
    if (out.late) late++;
    for (const inc of out.incidents) incidents.set(inc.id, inc);
  });
  if (c.flush) for (const inc of engine.flush().incidents) incidents.set(inc.id, inc);
  const list = [...incidents.values()].sort(
    (a, b) => a.window_start.localeCompare(b.window_start) || a.id.localeCompare(b.id),
  );
  if (list.length !== c.expect.incidents) {
    problems.push(
      `expected ${c.expect.incidents} incident(s), got ${list.length}${list.length ? `: ${list.map((x) => `${x.key}@${x.window_start} x${x.count}`).join(", ")}` : ""}`,
    );
  }
  if (c.expect.late !== undefined && late !== c.expect.late)
    problems.push(`expected ${c.expect.late} late event(s), got ${late}`);
  const each = c.expect.each;
  for (const inc of list) {
    if (!each) break;
    const check = (name: string, want: unknown, got: unknown) => {
      if (want !== undefined && want !== got)
        problems.push(`incident ${inc.key}: ${name} expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    };
    check("key", each.key, inc.key);
    check("count", each.count, inc.count);
    check("severity", each.severity, inc.severity);
    check("risk_score", each.risk_score, inc.risk_score);
    check("path_length", each.path_length, inc.path.length);
    if (each.window_start)
      check("window_start", new Date(base + offset(each.window_start)).toISOString(), inc.window_start);
    if (each.message_contains && !inc.message.includes(each.message_contains)) {
      problems.push(`incident ${inc.key}: message "${inc.message}" lacks "${each.message_contains}"`);
    }
  }
  return { ruleId: rule.id, file, name: c.name, ok: problems.length === 0, problems, incidents: list };
}

/** Runs a cases file against a rule (or the inline rule of a kind fixture). */
export async function runCasesFile(casesFile: string, rule?: CompiledRule): Promise<CaseResult[]> {
  const display = path.relative(process.cwd(), casesFile) || casesFile;
  const fail = (ruleId: string, message: string): CaseResult[] => [
    { ruleId, file: display, name: "(file)", ok: false, problems: [message], incidents: [] },
  ];
  const { cases, error } = await readCases(casesFile);
  if (!cases) return fail(rule?.id ?? "(no id)", `cannot read cases: ${error}`);
  let target = rule;
  if (!target) {
    if (!cases.rule) return fail("(no id)", "no rule beside the cases file and no inline `rule:`");
    const compiled = compileRule(cases.rule, { file: display, ruleset: "fixtures" });
    if (!compiled.rule) return fail(String(cases.rule.id ?? "(no id)"), compiled.issues.map(formatIssue).join("; "));
    target = compiled.rule;
  }
  return cases.cases.map((c) => runCase(target, display, cases, c));
}
