// Maps a field path inside a parsed YAML document to its line and column, so errors in `.rule.yaml` files
// point at the offending line (yaml's parseDocument + LineCounter keep source ranges for every node).
import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";

export function locate(
  doc: Document,
  counter: LineCounter,
  field: string,
): { line: number; column: number } | undefined {
  const parts = field.split(/[.[\]]+/).filter((p) => p.length > 0);
  let node: unknown = doc.contents;
  // A missing field points at the closest existing parent (the document itself for top-level fields).
  let found: Node | undefined = (doc.contents as Node | null) ?? undefined;
  for (const part of parts) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === part);
      if (!pair) break;
      found = (pair.key as Node) ?? found;
      node = pair.value;
      if (node && typeof node === "object" && "range" in (node as object)) found = node as Node;
    } else if (isSeq(node)) {
      const item = node.items[Number(part)];
      if (!item) break;
      node = item;
      found = item as Node;
    } else {
      break;
    }
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
