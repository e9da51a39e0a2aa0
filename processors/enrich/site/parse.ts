// Site-model text -> compiled SiteModel, or every problem found with file, line, column and key path.
// Three passes, each reporting all it finds: YAML syntax (yaml's parser, duplicate keys included), shape
// (the strict zod schema: unknown keys, wrong types, bad enums), references and conflicts (compile.ts).
// A valid YAML model is read by js-yaml (fast-yaml.ts); yaml's slower parseDocument + LineCounter runs only
// when something is wrong (or to locate warnings), so the messages are those of the yaml path.
import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { compileSiteModel } from "./compile.ts";
import { loadYamlFast } from "./fast-yaml.ts";
import { createIssueSink, type RawIssue, SiteModelError } from "./issues.ts";
import { aliasIssue, type LocatedDocument, parseLocatedDocument, toIssues, yamlIssues } from "./locate.ts";
import type { SiteModel, SiteModelIssue } from "./model.ts";
import { SiteModelDocument } from "./schema.ts";

export type SiteModelResult = { ok: true; model: SiteModel } | { ok: false; issues: SiteModelIssue[] };

/** The outcome of shape and reference checks on parsed data, with problems still as key paths. */
type Checked =
  | { ok: true; model: SiteModel; warnings: RawIssue[] }
  | { ok: false; errors: RawIssue[]; keyIssues: Set<RawIssue> };

function describeZodIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (value !== undefined) return issue.message;
  if (issue.code === "invalid_value")
    return `missing required key (one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")})`;
  if (issue.code === "invalid_type") return `missing required key (${issue.expected})`;
  return "missing required key";
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) v = v === null || typeof v !== "object" ? undefined : (v as Record<PropertyKey, unknown>)[p];
  return v;
}

function check(value: unknown, file: string | undefined): Checked {
  const keyIssues = new Set<RawIssue>();
  const parsed = SiteModelDocument.safeParse(value);
  if (!parsed.success) {
    const errors: RawIssue[] = [];
    for (const issue of parsed.error.issues) {
      const path = issue.path as (string | number)[];
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const r = { path: [...path, key], code: "unknown_key", message: `unknown key "${key}"` };
          keyIssues.add(r);
          errors.push(r);
        }
      } else {
        errors.push({ path, code: issue.code, message: describeZodIssue(issue, valueAt(value, path)) });
      }
    }
    return { ok: false, errors, keyIssues };
  }
  const sink = createIssueSink();
  const model = compileSiteModel(parsed.data, sink, file);
  if (!model) return { ok: false, errors: sink.errors, keyIssues };
  return { ok: true, model, warnings: sink.warnings };
}

/** Locates the problems of `checked` in the text's yaml document, built only if there is one to locate. */
function locateChecked(checked: Checked, text: string, file: string | undefined): SiteModelResult {
  if (!checked.ok)
    return { ok: false, issues: toIssues(checked.errors, parseLocatedDocument(text), file, checked.keyIssues) };
  // Warnings are rare; locating them is the only reason to build the yaml document of a valid model.
  if (checked.warnings.length > 0)
    checked.model.warnings = toIssues(checked.warnings, parseLocatedDocument(text), file, new Set());
  return { ok: true, model: checked.model };
}

/** JSON is YAML: a generated inventory written as JSON takes the much faster JSON.parse (YAML only to locate errors). */
function tryJson(text: string): unknown {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The reference path: yaml's parseDocument for the data and for every location (exported for the bench). */
export function parseYamlPrecisely(text: string, file: string | undefined): SiteModelResult {
  let located: LocatedDocument;
  try {
    located = parseLocatedDocument(text);
  } catch (error) {
    // Pathological nesting exhausts the parser's stack; report it like any other unreadable text.
    const issue: SiteModelIssue = { code: "yaml_unparseable", message: (error as Error).message, path: "(yaml)" };
    if (file !== undefined) issue.file = file;
    return { ok: false, issues: [issue] };
  }
  if (located.doc.errors.length > 0) return { ok: false, issues: yamlIssues(located, file) };
  let value: unknown;
  try {
    value = located.doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // An alias to an undefined anchor, or an alias bomb: yaml throws instead of listing it in errors.
    return { ok: false, issues: [aliasIssue(located, file, error as Error)] };
  }
  const checked = check(value, file);
  if (!checked.ok) return { ok: false, issues: toIssues(checked.errors, located, file, checked.keyIssues) };
  if (checked.warnings.length > 0) checked.model.warnings = toIssues(checked.warnings, located, file, new Set());
  return { ok: true, model: checked.model };
}

/**
 * Parses and validates a site model. `file` is only used in messages. Never throws for bad input.
 * JSON text: JSON.parse. YAML: js-yaml first (fast-yaml.ts); on any problem, or a construct where the two
 * parsers could differ, the whole text goes through yaml's parseDocument so every issue is located exactly.
 */
export function parseSiteModel(text: string, file?: string): SiteModelResult {
  const json = tryJson(text);
  if (json !== undefined) return locateChecked(check(json, file), text, file);
  const fast = loadYamlFast(text);
  if (fast !== undefined) {
    const checked = check(fast.value, file);
    if (checked.ok) return locateChecked(checked, text, file);
  }
  return parseYamlPrecisely(text, file);
}

/** Reads and parses a site-model file; throws SiteModelError (a ConfigError) listing every problem. */
export async function loadSiteModel(file: string): Promise<SiteModel> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new SiteModelError([{ code: "unreadable", message: (error as Error).message, path: "(file)", file }]);
  }
  return parseSiteModelOrThrow(text, file);
}

/** parseSiteModel for callers that treat a bad model as fatal (tests, the CLI). */
export function parseSiteModelOrThrow(text: string, file?: string): SiteModel {
  const result = parseSiteModel(text, file);
  if (!result.ok) throw new SiteModelError(result.issues);
  return result.model;
}
