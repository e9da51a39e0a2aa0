// Leaves of a document as dotted paths, the way Elasticsearch and ECS name fields. Arrays of scalars are one leaf;
// arrays of objects are walked element by element. `stopAt` names paths kept whole (flattened/object fields).
export function leafPaths(
  value: unknown,
  stopAt: ReadonlySet<string> = new Set(),
  prefix = "",
  out = new Map<string, unknown[]>(),
): Map<string, unknown[]> {
  const add = (path: string, leaf: unknown) => {
    const list = out.get(path) ?? [];
    list.push(leaf);
    out.set(path, list);
  };
  if (Array.isArray(value)) {
    for (const item of value) leafPaths(item, stopAt, prefix, out);
    return out;
  }
  if (value !== null && typeof value === "object" && !stopAt.has(prefix)) {
    for (const [key, child] of Object.entries(value)) leafPaths(child, stopAt, prefix ? `${prefix}.${key}` : key, out);
    return out;
  }
  if (prefix) add(prefix, value);
  return out;
}
