// Rule test cases (`<rule>.cases.yaml` beside the rule, or kind fixtures with an inline `rule:`): events with
// event-time offsets in, expected incidents out. Events are partial canonical events merged over a template
// and defaults, then validated against the canonical schema so fixtures keep the real shape.
import { z } from "zod";
import { Severity } from "../shared/incident.ts";

const Offset = z.string().regex(/^-?\d+(ms|s|m|h|d)$/, 'offset such as "90s", "-2m", "1h"');

export const CaseStep = z.union([
  z.strictObject({
    at: Offset,
    use: z.string().optional(),
    event: z.record(z.string(), z.unknown()).default({}),
    partition: z.number().int().min(0).default(0),
    /** Scale-out mode: evaluate only the rules whose key for this event equals it. */
    key: z.string().optional(),
  }),
  z.strictObject({ watermark: Offset, partition: z.number().int().min(0).default(0) }),
]);
export type CaseStep = z.infer<typeof CaseStep>;

export const ExpectedIncident = z.strictObject({
  key: z.string().optional(),
  count: z.number().int().optional(),
  severity: Severity.optional(),
  risk_score: z.number().optional(),
  path_length: z.number().int().optional(),
  window_start: Offset.optional(),
  message_contains: z.string().optional(),
});

export const RuleCase = z.strictObject({
  name: z.string().min(3),
  /** Why this case exists (out-of-order, late, exception, ...). */
  note: z.string().optional(),
  steps: z.array(CaseStep).min(1),
  /** Close every window at the end (default); false tests that nothing fires before the watermark. */
  flush: z.boolean().default(true),
  expect: z.strictObject({
    incidents: z.number().int().min(0),
    late: z.number().int().min(0).optional(),
    /** Checked against every incident produced. */
    each: ExpectedIncident.optional(),
  }),
});
export type RuleCase = z.infer<typeof RuleCase>;

export const CasesFile = z.strictObject({
  /** Event time that offsets count from. */
  base: z.iso.datetime({ offset: true }).default("2026-01-05T10:00:00Z"),
  /** Allowed lateness of the engine for these cases. */
  lateness: Offset.default("1m"),
  /** Inline rule (kind fixtures); rule cases beside a rule file use that file instead. */
  rule: z.record(z.string(), z.unknown()).optional(),
  templates: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  cases: z.array(RuleCase).min(1),
});
export type CasesFile = z.infer<typeof CasesFile>;
