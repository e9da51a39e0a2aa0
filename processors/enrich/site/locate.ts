// Turning problems into `file:line:column key.path` with yaml's document (node ranges + LineCounter). Only the
// precise path of the loader builds that document: for every error, and to locate warnings of a valid model.
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";
import { formatKeyPath, type KeyPath, type RawIssue } from "./issues.ts";
import type { SiteModelIssue } from "./model.ts";

export type YamlDocument = ReturnType<typeof parseDocument>;

/** The yaml document of a text with its line counter, parsed as the loader always has. */
export interface LocatedDocument {
  doc: YamlDocument;
  lines: LineCounter;
}

/** Throws only for pathological nesting that exhausts the parser's stack. */
export function parseLocatedDocument(text: string): LocatedDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { doc, lines };
}

/** The node at `path`, or the deepest existing node on the way (for a missing key: the object that lacks it). */
function locate(doc: YamlDocument, path: KeyPath, wantKey: boolean): Node | undefined {
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

/** Located issues; `keyIssues` are located at their key (unknown keys) rather than at the value. */
export function toIssues(
  raw: RawIssue[],
  { doc, lines }: LocatedDocument,
  file: string | undefined,
  keyIssues: Set<RawIssue>,
): SiteModelIssue[] {
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

/** yaml's syntax errors (duplicate keys included). */
export function yamlIssues({ doc, lines }: LocatedDocument, file: string | undefined): SiteModelIssue[] {
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

/** An alias to an undefined anchor or an alias bomb, at the first unresolvable alias (else line 1). */
export function aliasIssue({ doc, lines }: LocatedDocument, file: string | undefined, error: Error): SiteModelIssue {
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
