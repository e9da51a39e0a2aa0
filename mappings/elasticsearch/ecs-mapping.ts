// Elasticsearch mappings for a list of ECS fields, generated from @elastic/ecs EcsFlat (type, ignore_above,
// index/doc_values, multi-fields, scaling_factor): the ECS reference is the single source of truth.
import { EcsFlat } from "@elastic/ecs";
import type { FieldMapping } from "./field-types.ts";

interface EcsFieldDefinition {
  type: string;
  ignore_above?: number;
  index?: boolean;
  doc_values?: boolean;
  scaling_factor?: number;
  object_type?: string;
  multi_fields?: { name: string; type: string }[];
}

export function ecsDefinition(flatName: string): EcsFieldDefinition | undefined {
  return (EcsFlat as Record<string, EcsFieldDefinition | undefined>)[flatName];
}

export function ecsFieldMapping(flatName: string): FieldMapping {
  const definition = ecsDefinition(flatName);
  if (!definition) throw new Error(`${flatName} is not an ECS field`);
  if (definition.type === "object") {
    // `labels`-style objects: any key, values typed by object_type through a dynamic template (template.ts).
    return { type: "object", dynamic: true };
  }
  const mapping: FieldMapping = { type: definition.type };
  if (definition.ignore_above !== undefined) mapping.ignore_above = definition.ignore_above;
  if (definition.index === false) mapping.index = false;
  if (definition.doc_values === false) mapping.doc_values = false;
  if (definition.scaling_factor !== undefined) mapping.scaling_factor = definition.scaling_factor;
  if (definition.multi_fields?.length) {
    mapping.fields = Object.fromEntries(definition.multi_fields.map((multi) => [multi.name, { type: multi.type }]));
  }
  return mapping;
}

/** Nested `properties` for the given flat names ("host.os.name" → host.properties.os.properties.name). */
export function ecsProperties(flatNames: readonly string[]): Record<string, FieldMapping> {
  const root: Record<string, FieldMapping> = {};
  for (const flatName of flatNames) {
    const parts = flatName === "@timestamp" ? ["@timestamp"] : flatName.split(".");
    let level = root;
    for (const part of parts.slice(0, -1)) {
      const parent: FieldMapping = level[part] ?? { properties: {} };
      level[part] = parent;
      parent.properties ??= {};
      level = parent.properties as Record<string, FieldMapping>;
    }
    level[parts.at(-1)!] = ecsFieldMapping(flatName);
  }
  return root;
}

/** Dynamic templates for ECS object fields with an object_type (e.g. labels.* → keyword). */
export function ecsObjectTemplates(flatNames: readonly string[]): Record<string, FieldMapping>[] {
  return flatNames
    .map((name) => [name, ecsDefinition(name)] as const)
    .filter(([, definition]) => definition?.type === "object" && definition.object_type)
    .map(([name, definition]) => ({
      [`ecs_${name.replace(/\./g, "_")}`]: {
        path_match: `${name}.*`,
        mapping: { type: definition!.object_type, ignore_above: 1024 },
      },
    }));
}
