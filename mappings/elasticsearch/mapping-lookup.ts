// Looks a dotted field name up in a mapping tree (ECS names may contain no dots inside a segment, except
// "@timestamp" at the root). Used by tests that check documents and Kibana objects against the template.
import type { FieldMapping } from "./field-types.ts";

export function mappingAt(properties: Record<string, FieldMapping>, field: string): FieldMapping | undefined {
  let level: Record<string, FieldMapping> | undefined = properties;
  let mapping: FieldMapping | undefined;
  for (const part of field.split(".")) {
    if (!level) return undefined;
    mapping = level[part];
    if (!mapping) return undefined;
    level = mapping.properties as Record<string, FieldMapping> | undefined;
  }
  return mapping;
}
