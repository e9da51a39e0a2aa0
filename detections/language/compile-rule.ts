// Rule definition (from .rule.ts or .rule.yaml) -> compiled rule: common fields, ATT&CK ids against the
// pinned catalog, exceptions, suppression and the kind's own parameters, all validated here once.
import type { z } from "zod";
import { lookupTechnique } from "../../mappings/attack/catalog.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { kinds } from "../kinds/index.ts";
import type { AnyRuleKind } from "../kinds/types.ts";
import type { Severity } from "../shared/incident.ts";
import { compileKey, type KeyFunction } from "../shared/keys.ts";
import { compileCondition, type Predicate } from "./condition.ts";
import { parseDuration } from "./duration.ts";
import { compileField } from "./field-path.ts";
import { ruleGuard } from "./guard.ts";
import type { RuleIssue } from "./rule-issue.ts";
import { RuleCommon } from "./rule-schema.ts";

export interface CompiledRule {
  id: string;
  common: RuleCommon;
  params: unknown;
  kind: AnyRuleKind;
  plan: unknown;
  file: string;
  /** The rules folder domain (it-endpoint, ot-network, ...), "custom" outside the pack. */
  ruleset: string;
  /** Top-level fields an event needs for this rule to consider it (guard.ts); derived events bypass it. */
  guard: string[];
  /** True when an exception matches: the rule ignores the event. */
  excluded: Predicate;
  suppression?: { groupBy: KeyFunction; durationMs: number; missing: "suppress" | "do_not_suppress" };
  severityOf(events: readonly CanonicalEvent[]): { severity: Severity; riskScore: number };
}

export interface RuleSource {
  file: string;
  ruleset: string;
}

function issuesFromZod(error: z.ZodError, prefix: string[], base: Omit<RuleIssue, "field" | "message">): RuleIssue[] {
  return error.issues.map((issue) => ({
    ...base,
    field: [...prefix, ...issue.path.map(String)].join(".") || "(rule)",
    message: issue.message,
  }));
}

function checkAttack(common: RuleCommon, base: Omit<RuleIssue, "field" | "message">): RuleIssue[] {
  const issues: RuleIssue[] = [];
  let ics = 0;
  common.attack.forEach((id, i) => {
    const technique = lookupTechnique(id);
    const field = `attack.${i}`;
    if (!technique) issues.push({ ...base, field, message: `${id} is not in the ATT&CK catalog (ICS or Enterprise)` });
    else if (technique.revoked)
      issues.push({ ...base, field, message: `${id} (${technique.name}) is revoked in ATT&CK` });
    else if (technique.deprecated)
      issues.push({ ...base, field, message: `${id} (${technique.name}) is deprecated in ATT&CK` });
    else if (technique.domain === "ics") ics++;
  });
  if (issues.length === 0 && ics === 0) {
    issues.push({ ...base, field: "attack", message: "at least one ATT&CK for ICS technique (T08xx) is required" });
  }
  return issues;
}

export function compileRule(raw: unknown, source: RuleSource): { rule?: CompiledRule; issues: RuleIssue[] } {
  const ruleId = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : undefined;
  const base: Omit<RuleIssue, "field" | "message"> = { file: source.file };
  if (ruleId) base.ruleId = ruleId;
  const parsed = RuleCommon.loose().safeParse(raw);
  if (!parsed.success) return { issues: issuesFromZod(parsed.error, [], base) };
  const common = parsed.data as RuleCommon & Record<string, unknown>;
  const issues = checkAttack(common, base);
  const kind = kinds[common.kind];
  const known = new Set([...Object.keys(RuleCommon.shape), common.kind]);
  for (const extra of Object.keys(common)) {
    if (!known.has(extra)) issues.push({ ...base, field: extra, message: `unknown field for a ${common.kind} rule` });
  }
  const paramsResult = kind.schema.safeParse(common[common.kind]);
  if (!paramsResult.success) return { issues: [...issues, ...issuesFromZod(paramsResult.error, [common.kind], base)] };
  const problems: string[] = [];
  const plan = kind.compile(paramsResult.data, problems);
  for (const p of problems) {
    const [field, ...rest] = p.split(": ");
    issues.push({ ...base, field: `${common.kind}.${field}`, message: rest.join(": ") });
  }
  const exceptionProblems: string[] = [];
  const exceptions = common.exceptions.map((e, i): Predicate => {
    if (e.where) return compileCondition(e.where, exceptionProblems, `exceptions[${i}].where`);
    const get = compileField(e.field!);
    const values = new Set(e.values!.map(String));
    return (event) => get(event).some((v) => values.has(String(v)));
  });
  for (const p of exceptionProblems)
    issues.push({ ...base, field: p.split(": ")[0]!, message: p.split(": ").slice(1).join(": ") });
  if (issues.length > 0) return { issues };
  const overrides = common.severity_overrides.map((o) => ({ ...o, get: compileField(o.field) }));
  const riskField = common.risk_score_from ? compileField(common.risk_score_from) : undefined;
  const rule: CompiledRule = {
    id: common.id,
    common,
    params: paramsResult.data,
    kind,
    plan,
    guard: ruleGuard(paramsResult.data),
    file: source.file,
    ruleset: source.ruleset,
    excluded: exceptions.length === 0 ? () => false : (event) => exceptions.some((p) => p(event)),
    severityOf(events) {
      let severity = common.severity;
      let riskScore = common.risk_score;
      const event = events[0];
      if (riskField && event) {
        const value = Number(riskField(event)[0]);
        if (Number.isFinite(value)) riskScore = Math.max(0, Math.min(100, Math.round(value)));
      }
      for (const o of overrides) {
        if (events.some((e) => o.get(e).some((v) => String(v) === String(o.equals)))) {
          if (o.severity) severity = o.severity;
          if (o.risk_score !== undefined) riskScore = o.risk_score;
          break;
        }
      }
      return { severity, riskScore };
    },
  };
  if (common.suppression) {
    rule.suppression = {
      groupBy: compileKey(common.suppression.group_by),
      durationMs: parseDuration(common.suppression.duration)!,
      missing: common.suppression.missing_fields,
    };
  }
  return { rule, issues: [] };
}
