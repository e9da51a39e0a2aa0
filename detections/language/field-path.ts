// Rules address fields by dotted ECS path ("site.source.host.id"). Canonical events are nested JSON, so a path
// compiles once into a list of segments; "@timestamp" and other top-level keys with dots are not split.
// Arrays are flattened (ECS semantics: a field with several values matches when any value matches).
export type Scalar = string | number | boolean;
export type FieldGetter = (event: unknown) => Scalar[];

const MAX_VALUES = 64;

function collect(node: unknown, segments: string[], index: number, out: Scalar[]): void {
  if (node === undefined || node === null || out.length >= MAX_VALUES) return;
  if (Array.isArray(node)) {
    for (const item of node) collect(item, segments, index, out);
    return;
  }
  if (index === segments.length) {
    if (typeof node === "string" || typeof node === "number" || typeof node === "boolean") out.push(node);
    return;
  }
  if (typeof node !== "object") return;
  collect((node as Record<string, unknown>)[segments[index]!], segments, index + 1, out);
}

/** Compiles a dotted path into a getter returning every scalar value at that path (possibly none). */
export function compileField(path: string): FieldGetter {
  const segments = path.startsWith("@") ? [path] : path.split(".");
  return (event) => {
    const out: Scalar[] = [];
    collect(event, segments, 0, out);
    return out;
  };
}

function some(node: unknown, segments: string[], index: number, pred: (v: Scalar) => boolean): boolean {
  if (node === undefined || node === null) return false;
  if (Array.isArray(node)) {
    for (const item of node) if (some(item, segments, index, pred)) return true;
    return false;
  }
  if (index === segments.length) {
    return (typeof node === "string" || typeof node === "number" || typeof node === "boolean") && pred(node);
  }
  return (
    typeof node === "object" && some((node as Record<string, unknown>)[segments[index]!], segments, index + 1, pred)
  );
}

/** Compiles a path into "does any value satisfy pred" without allocating (the hot path of conditions). */
export function compileSome(path: string): (event: unknown, pred: (v: Scalar) => boolean) => boolean {
  const segments = path.startsWith("@") ? [path] : path.split(".");
  return (event, pred) => some(event, segments, 0, pred);
}

function present(node: unknown, segments: string[], index: number): boolean {
  if (node === undefined || node === null) return false;
  if (Array.isArray(node)) return node.some((item) => present(item, segments, index));
  if (index === segments.length) return true;
  return typeof node === "object" && present((node as Record<string, unknown>)[segments[index]!], segments, index + 1);
}

/** Compiles a dotted path into a presence test: true when any value (scalar or object) is there. */
export function compilePresence(path: string): (event: unknown) => boolean {
  const segments = path.startsWith("@") ? [path] : path.split(".");
  return (event) => present(event, segments, 0);
}

/** The first scalar value at a path, as a string (keys, labels, messages). */
export function firstValue(getter: FieldGetter, event: unknown): string | undefined {
  const value = getter(event)[0];
  return value === undefined ? undefined : String(value);
}

/** Field paths are ECS-style: lowercase segments of letters, digits, underscores and "@". */
export const FIELD_PATH = /^@?[a-z0-9_]+(\.[a-z0-9_]+)*$/;
