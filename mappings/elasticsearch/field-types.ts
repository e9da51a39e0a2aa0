// Field types a server may lack, and what to use instead. Which ones a server has is DETECTED at start by the
// Elasticsearch adapter (a probe template per type), never guessed from its version: the integ-test build of
// 8.19 lacks mapper-extras and most x-pack mappers, a full build has them all.
export type FieldMapping = Record<string, unknown>;

/** Types every Elasticsearch server has (server core); the rest are probed. */
export const CORE_FIELD_TYPES: ReadonlySet<string> = new Set([
  "keyword",
  "text",
  "long",
  "integer",
  "short",
  "byte",
  "double",
  "float",
  "half_float",
  "date",
  "ip",
  "boolean",
  "object",
  "nested",
  "geo_point",
]);

/** The mapping to use for `mapping` on a server without its type, or undefined when no fallback exists. */
export function degradeMapping(mapping: FieldMapping): FieldMapping | undefined {
  const { type, ...rest } = mapping;
  switch (type) {
    case "wildcard":
      // keyword refuses terms above 32766 bytes; wildcard had no such limit, so cap what gets indexed.
      return { ...rest, type: "keyword", ignore_above: 8191 };
    case "match_only_text":
      return { ...rest, type: "text" };
    case "constant_keyword":
      return { ...rest, type: "keyword" };
    case "scaled_float": {
      const { scaling_factor: _scaling, ...others } = rest;
      return { ...others, type: "float" };
    }
    case "unsigned_long":
      return { ...rest, type: "long" };
    case "version":
      return { ...rest, type: "keyword" };
    case "flattened":
      // Kept in _source, not searchable: better than refusing every incident.
      return { type: "object", enabled: false };
    default:
      return undefined;
  }
}

/** Every type used in a mapping tree (including multi-fields), for probing. */
export function collectFieldTypes(properties: Record<string, FieldMapping>, into = new Set<string>()): Set<string> {
  for (const mapping of Object.values(properties)) {
    if (typeof mapping.type === "string") into.add(mapping.type);
    if (mapping.properties) collectFieldTypes(mapping.properties as Record<string, FieldMapping>, into);
    if (mapping.fields) collectFieldTypes(mapping.fields as Record<string, FieldMapping>, into);
  }
  return into;
}

/** Rewrites a mapping tree so it only uses `supported` types; throws naming the field when one cannot degrade. */
export function degradeProperties(
  properties: Record<string, FieldMapping>,
  supported: ReadonlySet<string>,
  path = "",
): Record<string, FieldMapping> {
  const out: Record<string, FieldMapping> = {};
  for (const [name, original] of Object.entries(properties)) {
    const field = path ? `${path}.${name}` : name;
    let mapping: FieldMapping = { ...original };
    if (mapping.properties) {
      mapping.properties = degradeProperties(mapping.properties as Record<string, FieldMapping>, supported, field);
    }
    if (mapping.fields) {
      mapping.fields = degradeProperties(mapping.fields as Record<string, FieldMapping>, supported, field);
    }
    if (typeof mapping.type === "string" && !supported.has(mapping.type)) {
      const degraded = degradeMapping(mapping);
      if (!degraded) throw new Error(`field ${field}: type ${mapping.type} is not supported by the server`);
      mapping = degraded;
    }
    out[name] = mapping;
  }
  return out;
}
