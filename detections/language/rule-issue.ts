// A problem found while loading or validating a rule: enough for the author to find it (file, line, rule id,
// field). Rule files that fail are reported; the others still load (ARCHITECTURE.md 4).
export interface RuleIssue {
  file: string;
  ruleId?: string;
  /** Dotted path inside the rule ("sequence.steps[1].where"), or "(file)" for file-level problems. */
  field: string;
  message: string;
  line?: number;
  column?: number;
}

/** "detections/rules/x.rule.yaml:12:5 GW-0001 sequence.maxspan: duration such as ..." */
export function formatIssue(issue: RuleIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}${issue.column ? `:${issue.column}` : ""}` : issue.file;
  return `${where} ${issue.ruleId ?? "(no id)"} ${issue.field}: ${issue.message}`;
}
