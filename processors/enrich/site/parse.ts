// Site-model text -> compiled SiteModel, or every problem found with file, line, column and key path.
// Three passes, each reporting all it finds: YAML syntax (yaml's parser, duplicate keys included), shape
// (the strict zod schema: unknown keys, wrong types, bad enums), references and conflicts (compile.ts).
import { readFile } from "node:fs/promises";
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";
import type { z } from "zod";
import { compileSiteModel } from "./compile.ts";
import { createIssueSink, formatKeyPath, type KeyPath, type RawIssue, SiteModelError } from "./issues.ts";
import type { SiteModel, SiteModelIssue } from "./model.ts";
import { SiteModelDocument } from "./schema.ts";

export type SiteModelResult = { ok: true; model: SiteModel } | { ok: false; issues: SiteModelIssue[] };

type Document = ReturnType<typeof parseDocument>;

/** The node at `path`, or the deepest existing node on the way (for a missing key: the object that lacks it). */
function locate(doc: Document, path: KeyPath, wantKey: boolean): Node | undefined {
  let node: unknown = doc.contents;
  let found: Node | undefined = doc.contents ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) return found;
      if (last && wantKey && isScalar(pair.key)) return pair.key;
      node = pair.value;
      found = (isScalar(pair.value) || isMap(pair.value) || isSeq(pair.value) ? pair.value : pair.key) as Node;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) return found;
      node = item;
      found = item as Node;
    } else {
      return found;
    }
  }
  return found;
}

function toIssues(
  raw: RawIssue[],
  doc: Document,
  lines: LineCounter,
  file: string | undefined,
  keyIssues: Set<RawIssue>,
) {
  return raw.map((r): SiteModelIssue => {
    const issue: SiteModelIssue = { code: r.code, message: r.message, path: formatKeyPath(r.path) };
    if (file !== undefined) issue.file = file;
    const node = locate(doc, r.path, keyIssues.has(r));
    const offset = node?.range?.[0];
    if (offset !== undefined) {
      const pos = lines.linePos(offset);
      issue.line = pos.line;
      issue.column = pos.col;
    }
    return issue;
  });
}

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

function yamlIssues(doc: Document, lines: LineCounter, file: string | undefined): SiteModelIssue[] {
  return doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    const issue: SiteModelIssue = {
      code: `yaml_${e.code.toLowerCase()}`,
      message: e.message.split("\n")[0]!,
      path: "(yaml)",
      line: pos.line,
      column: pos.col,
    };
    if (file !== undefined) issue.file = file;
    return issue;
  });
}

function aliasIssue(doc: Document, lines: LineCounter, file: string | undefined, error: Error): SiteModelIssue {
  const issue: SiteModelIssue = { code: "yaml_alias", message: error.message, path: "(yaml)" };
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) === undefined) {
        offset = node.range?.[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const pos = lines.linePos(offset ?? 0);
  issue.line = pos.line;
  issue.column = pos.col;
  if (file !== undefined) issue.file = file;
  return issue;
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

/** Parses and validates a site model. `file` is only used in messages. Never throws for bad input. */
export function parseSiteModel(text: string, file?: string): SiteModelResult {
  const lines = new LineCounter();
  let doc: Document | undefined;
  const yamlDocument = (): Document => {
    doc ??= parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    return doc;
  };
  let value = tryJson(text);
  if (value === undefined) {
    try {
      yamlDocument();
    } catch (error) {
      // Pathological nesting exhausts the parser's stack; report it like any other unreadable text.
      const issue: SiteModelIssue = { code: "yaml_unparseable", message: (error as Error).message, path: "(yaml)" };
      if (file !== undefined) issue.file = file;
      return { ok: false, issues: [issue] };
    }
    if (yamlDocument().errors.length > 0) return { ok: false, issues: yamlIssues(yamlDocument(), lines, file) };
    try {
      value = yamlDocument().toJS({ maxAliasCount: 1000 });
    } catch (error) {
      // An alias to an undefined anchor, or an alias bomb: yaml throws instead of listing it in errors.
      return { ok: false, issues: [aliasIssue(yamlDocument(), lines, file, error as Error)] };
    }
  }
  const keyIssues = new Set<RawIssue>();
  const parsed = SiteModelDocument.safeParse(value);
  if (!parsed.success) {
    const raw: RawIssue[] = [];
    for (const issue of parsed.error.issues) {
      const path = issue.path as (string | number)[];
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const r = { path: [...path, key], code: "unknown_key", message: `unknown key "${key}"` };
          keyIssues.add(r);
          raw.push(r);
        }
      } else {
        raw.push({ path, code: issue.code, message: describeZodIssue(issue, valueAt(value, path)) });
      }
    }
    return { ok: false, issues: toIssues(raw, yamlDocument(), lines, file, keyIssues) };
  }
  const sink = createIssueSink();
  const model = compileSiteModel(parsed.data, sink, file);
  if (!model) return { ok: false, issues: toIssues(sink.errors, yamlDocument(), lines, file, keyIssues) };
  // Warnings are rare; locating them is the only reason to build the YAML document of a JSON model.
  if (sink.warnings.length > 0) model.warnings = toIssues(sink.warnings, yamlDocument(), lines, file, keyIssues);
  return { ok: true, model };
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
