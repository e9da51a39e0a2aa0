// GAPWATCH_* environment overrides. The variable name is the config path upper-cased with `_` between
// segments (GAPWATCH_KAFKA_SASL_PASSWORD -> kafka.sasl.password, GAPWATCH_RUNTIME_SNAPSHOT_INTERVAL_MS ->
// runtime.snapshot_interval_ms); since keys themselves contain `_`, the name is resolved against the schema,
// longest key first. `ES` abbreviates `elasticsearch`. Values are YAML scalars or flow collections
// (`[a, b]`); a comma-separated value for a list of strings is split (GAPWATCH_KAFKA_BROKERS=h1:9092,h2:9092).
import { parse } from "yaml";
import type { z } from "zod";

const PREFIX = "GAPWATCH_";
const ALIASES: Record<string, string> = { es: "elasticsearch" };
/** Short names kept stable for operators and the test harness. */
const VARIABLE_ALIASES: Record<string, string[]> = {
  GAPWATCH_ES_URL: ["elasticsearch", "node"],
  GAPWATCH_ES_API_KEY: ["elasticsearch", "auth", "api_key"],
};
/** Variables that belong to other tools (test harness, stack scripts), not to the config file. */
const NOT_CONFIG = new Set(["GAPWATCH_CONFIG", "GAPWATCH_STACK_DIR", "GAPWATCH_LOG_LEVEL_CLI"]);

export interface EnvOverride {
  variable: string;
  path: string[];
  value: unknown;
}

export interface EnvResolution {
  overrides: EnvOverride[];
  /** GAPWATCH_* variables that match no config key (reported as a warning, not an error). */
  unmatched: string[];
}

type AnySchema = z.ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current.def as { type: string; innerType?: AnySchema; in?: AnySchema };
    if ((def.type === "optional" || def.type === "default" || def.type === "nullable") && def.innerType) {
      current = def.innerType;
    } else if (def.type === "pipe" && def.in) {
      current = def.in;
    } else {
      return current;
    }
  }
}

function shapeOf(schema: AnySchema): Record<string, AnySchema> | undefined {
  const inner = unwrap(schema);
  return inner.def.type === "object" ? (inner as unknown as { shape: Record<string, AnySchema> }).shape : undefined;
}

/** Finds the config path a variable's remainder (lower-case, `_`-joined) names, or undefined. */
export function resolvePath(schema: AnySchema, rest: string): { path: string[]; leaf: AnySchema } | undefined {
  const shape = shapeOf(schema);
  if (!shape) return undefined;
  const keys = Object.keys(shape).sort((a, b) => b.length - a.length);
  const candidates = [...keys.map((k) => [k, k] as const), ...Object.entries(ALIASES).filter(([, k]) => k in shape)];
  for (const [spelled, key] of candidates.sort((a, b) => b[0].length - a[0].length)) {
    const child = shape[key];
    if (!child) continue;
    if (rest === spelled) return { path: [key], leaf: child };
    if (rest.startsWith(`${spelled}_`)) {
      const deeper = resolvePath(child, rest.slice(spelled.length + 1));
      if (deeper) return { path: [key, ...deeper.path], leaf: deeper.leaf };
    }
  }
  return undefined;
}

function parseValue(raw: string, leaf: AnySchema): unknown {
  const inner = unwrap(leaf);
  const type = inner.def.type;
  if (type === "string" || type === "enum") return raw;
  if (type === "array" && !raw.trim().startsWith("[")) return raw.split(",").map((part) => part.trim());
  try {
    return parse(raw);
  } catch {
    return raw;
  }
}

/** Reads every GAPWATCH_* variable of `env` that names a config key. */
export function resolveEnv(schema: AnySchema, env: Record<string, string | undefined>): EnvResolution {
  const overrides: EnvOverride[] = [];
  const unmatched: string[] = [];
  for (const [variable, raw] of Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) {
    if (!variable.startsWith(PREFIX) || raw === undefined || NOT_CONFIG.has(variable)) continue;
    const alias = VARIABLE_ALIASES[variable];
    if (alias) {
      overrides.push({ variable, path: alias, value: raw });
      continue;
    }
    const found = resolvePath(schema, variable.slice(PREFIX.length).toLowerCase());
    if (!found) {
      unmatched.push(variable);
      continue;
    }
    overrides.push({ variable, path: found.path, value: parseValue(raw, found.leaf) });
  }
  return { overrides, unmatched };
}

/** Sets `value` at `path` in a plain object tree, creating objects on the way. */
export function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
}
