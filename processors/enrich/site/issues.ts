// Problems found while loading a site model, each tied to a key path in the document. The parser turns paths
// into file:line:column with the YAML document's node ranges (locate.ts); compile steps only name the path.
import { ConfigError } from "../../runtime/errors.ts";
import type { SiteModelIssue } from "./model.ts";

export type KeyPath = readonly (string | number)[];

export interface IssueSink {
  error(path: KeyPath, code: string, message: string): void;
  warn(path: KeyPath, code: string, message: string): void;
}

export interface RawIssue {
  path: KeyPath;
  code: string;
  message: string;
}

export function createIssueSink(): IssueSink & { errors: RawIssue[]; warnings: RawIssue[] } {
  const errors: RawIssue[] = [];
  const warnings: RawIssue[] = [];
  return {
    errors,
    warnings,
    error: (path, code, message) => errors.push({ path, code, message }),
    warn: (path, code, message) => warnings.push({ path, code, message }),
  };
}

/** `["conduits", 2, "via", 0]` -> `conduits[2].via[0]`. */
export function formatKeyPath(path: KeyPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out === "" ? "(document)" : out;
}

/** One line per issue: `file:line:column key.path: message`. */
export function formatIssue(issue: SiteModelIssue): string {
  let where = issue.file ?? "<site model>";
  if (issue.line !== undefined) where += `:${issue.line}`;
  if (issue.column !== undefined) where += `:${issue.column}`;
  return `${where} ${issue.path}: ${issue.message}`;
}

/** The error `loadSiteModel` throws: a ConfigError located at the first issue, listing all of them. */
export class SiteModelError extends ConfigError {
  readonly issues: SiteModelIssue[];

  constructor(issues: SiteModelIssue[]) {
    const first = issues[0];
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    const location: { file?: string; line?: number; column?: number; field?: string } = {};
    if (first?.file !== undefined) location.file = first.file;
    if (first?.line !== undefined) location.line = first.line;
    if (first?.column !== undefined) location.column = first.column;
    if (first !== undefined) location.field = first.path;
    super("site_model_invalid", `site model has ${count}:\n${issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`, {
      location,
    });
    this.issues = issues;
  }
}
