// Loads gapwatch.yaml + GAPWATCH_* overrides and validates them with the strict schema. Every error names
// the key, and the file:line:column it came from (or the environment variable that set it).
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import { ConfigError } from "../errors.ts";
import { type EnvOverride, resolveEnv, setPath } from "./env.ts";
import { GapwatchConfig } from "./schema.ts";

export interface LoadedConfig {
  config: GapwatchConfig;
  file: string;
  /** GAPWATCH_* variables that matched no key (the caller logs them as a warning). */
  unmatchedEnv: string[];
}

export async function loadConfig(file: string, env: Record<string, string | undefined> = {}): Promise<LoadedConfig> {
  const text = await readFile(file, "utf8").catch((cause: unknown) => {
    throw new ConfigError("config.unreadable", `cannot read config file ${file}`, { location: { file }, cause });
  });
  return parseConfig(text, file, env);
}

export function parseConfig(text: string, file: string, env: Record<string, string | undefined> = {}): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [yamlError] = doc.errors;
  if (yamlError) {
    const pos = yamlError.linePos?.[0];
    throw new ConfigError("config.yaml", yamlError.message.split("\n")[0] ?? "invalid YAML", {
      location: { file, ...(pos ? { line: pos.line, column: pos.col } : {}) },
    });
  }
  const data = (doc.toJS() ?? {}) as unknown;
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new ConfigError("config.shape", "the config file must be a YAML mapping", { location: { file, line: 1 } });
  }
  const { overrides, unmatched } = resolveEnv(GapwatchConfig, env);
  for (const override of overrides) setPath(data as Record<string, unknown>, override.path, override.value);

  const parsed = GapwatchConfig.safeParse(data);
  if (!parsed.success) throw toConfigError(parsed.error, file, doc, lineCounter, overrides);
  return { config: resolvePaths(parsed.data, file), file, unmatchedEnv: unmatched };
}

function toConfigError(
  error: z.ZodError,
  file: string,
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  overrides: EnvOverride[],
): ConfigError {
  const lines: string[] = [];
  let first: ConfigError | undefined;
  for (const issue of error.issues) {
    // An unknown key is reported at the key itself, not at the object that holds it.
    const extra = issue.code === "unrecognized_keys" ? (issue.keys[0] ?? "") : undefined;
    const path = [...issue.path.map(String), ...(extra ? [extra] : [])];
    const key = formatKey(path);
    const override = blame(overrides, path, doc);
    const pos = override ? undefined : positionOf(doc, path, lineCounter);
    const where = override
      ? `environment variable ${override.variable}`
      : `${file}${pos ? `:${pos.line}:${pos.col}` : ""}`;
    lines.push(`${key}: ${issue.message} (${where})`);
    first ??= new ConfigError("config.invalid", "", {
      location: { file: override ? `env:${override.variable}` : file, field: key, line: pos?.line, column: pos?.col },
    });
  }
  return new ConfigError("config.invalid", `invalid configuration:\n  ${lines.join("\n  ")}`, {
    location: first?.location ?? { file },
  });
}

/** The override that set (or created the parent of) the value an issue is about, if any. */
function blame(
  overrides: EnvOverride[],
  path: string[],
  doc: ReturnType<typeof parseDocument>,
): EnvOverride | undefined {
  const startsWith = (a: string[], b: string[]) => b.every((part, i) => a[i] === part);
  const direct = overrides.find((o) => startsWith(path, o.path));
  if (direct) return direct;
  const parent = path.slice(0, -1);
  if (doc.hasIn(parent)) return undefined;
  return overrides.find((o) => startsWith(o.path, parent));
}

function formatKey(path: string[]): string {
  return path.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`)).join("") || "(root)";
}

/** The position of the deepest node of `path` that exists in the document (a missing key points at its parent). */
function positionOf(
  doc: ReturnType<typeof parseDocument>,
  path: string[],
  lineCounter: LineCounter,
): { line: number; col: number } | undefined {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const segment = path.slice(0, depth).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const node = (depth === 0 ? doc.contents : doc.getIn(segment, true)) as Node | undefined;
    if (node && (isScalar(node) || isMap(node) || isSeq(node)) && node.range) {
      // For a key, point at the key rather than its value when we can.
      const pair = depth > 0 ? findKeyNode(doc, segment) : undefined;
      return lineCounter.linePos((pair ?? node).range?.[0] ?? 0);
    }
  }
  return undefined;
}

function findKeyNode(doc: ReturnType<typeof parseDocument>, segment: Array<string | number>): Node | undefined {
  const parent = segment.length === 1 ? doc.contents : doc.getIn(segment.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = segment[segment.length - 1];
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

/** Relative file paths in the config are relative to the config file, not to the working directory. */
function resolvePaths(config: GapwatchConfig, file: string): GapwatchConfig {
  const base = dirname(resolve(file));
  const abs = (p: string | undefined) => (p === undefined || isAbsolute(p) ? p : resolve(base, p));
  return {
    ...config,
    kafka: {
      ...config.kafka,
      tls: {
        ...config.kafka.tls,
        ca_file: abs(config.kafka.tls.ca_file),
        cert_file: abs(config.kafka.tls.cert_file),
        key_file: abs(config.kafka.tls.key_file),
      },
    },
    elasticsearch: config.elasticsearch && {
      ...config.elasticsearch,
      ...(config.elasticsearch.tls
        ? { tls: { ...config.elasticsearch.tls, ca_file: abs(config.elasticsearch.tls.ca_file) } }
        : {}),
    },
    detection: { ...config.detection, site: abs(config.detection.site)!, rules: abs(config.detection.rules) },
  };
}
