// Validates gapwatch.ndjson as Kibana's import API would need it: one JSON object per line, unique ids, every
// reference resolving to an object in the file, and every field a data view, search or Lens chart uses existing
// (as a leaf, not an object) in the incident index template.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { mappingAt } from "../elasticsearch/mapping-lookup.ts";
import { incidentProperties } from "../elasticsearch/template.ts";
import { SAVED_OBJECTS, type SavedObject, toNdjson } from "./saved-objects.ts";

const text = readFileSync(fileURLToPath(new URL("./gapwatch.ndjson", import.meta.url)), "utf8");
const objects = text
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as SavedObject);
const properties = incidentProperties();

function fieldExists(field: string): boolean {
  const mapping = mappingAt(properties, field);
  return mapping !== undefined && typeof mapping.type === "string" && mapping.type !== "object";
}

/** Field names in a KQL query: the identifiers before `:`. */
function kqlFields(query: string): string[] {
  return [...query.matchAll(/([A-Za-z@_][\w.@]*)\s*:/g)].map((m) => m[1]!);
}

function fieldsUsed(object: SavedObject): string[] {
  const attributes = object.attributes as Record<string, unknown>;
  const used: string[] = [];
  if (object.type === "index-pattern") used.push(attributes.timeFieldName as string);
  if (object.type === "search") {
    used.push(...(attributes.columns as string[]), ...(attributes.sort as [string, string][]).map(([field]) => field));
    const source = JSON.parse((attributes.kibanaSavedObjectMeta as { searchSourceJSON: string }).searchSourceJSON);
    used.push(...kqlFields(source.query.query));
  }
  if (object.type === "lens") {
    const state = attributes.state as {
      datasourceStates: {
        formBased: { layers: Record<string, { columns: Record<string, { sourceField?: string }> }> };
      };
      query: { query: string };
    };
    for (const layer of Object.values(state.datasourceStates.formBased.layers)) {
      for (const column of Object.values(layer.columns))
        if (column.sourceField && column.sourceField !== "___records___") used.push(column.sourceField);
    }
    used.push(...kqlFields(state.query.query));
  }
  return used;
}

describe("mappings/kibana/gapwatch.ndjson", () => {
  it("is what saved-objects.ts generates (regenerate with npx tsx mappings/kibana/generate.ts)", () => {
    expect(text).toBe(toNdjson(SAVED_OBJECTS));
  });

  it("has the data view, three saved searches, four visualisations and a dashboard with unique ids", () => {
    const keys = objects.map((o) => `${o.type}:${o.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(objects.filter((o) => o.type === "index-pattern")).toHaveLength(1);
    expect(objects.filter((o) => o.type === "search")).toHaveLength(3);
    expect(objects.filter((o) => o.type === "lens")).toHaveLength(4);
    expect(objects.filter((o) => o.type === "dashboard")).toHaveLength(1);
  });

  it("resolves every reference to an object of the right type in the file, and every panel to a reference", () => {
    const byKey = new Set(objects.map((o) => `${o.type}:${o.id}`));
    for (const object of objects) {
      for (const ref of object.references)
        expect(byKey.has(`${ref.type}:${ref.id}`), `${object.id} → ${ref.type}:${ref.id}`).toBe(true);
      const names = new Set(object.references.map((ref) => ref.name));
      const meta = (object.attributes.kibanaSavedObjectMeta as { searchSourceJSON?: string } | undefined)
        ?.searchSourceJSON;
      const indexRefName = meta ? JSON.parse(meta).indexRefName : undefined;
      if (indexRefName) expect(names.has(indexRefName), `${object.id} indexRefName`).toBe(true);
      if (object.type === "dashboard") {
        for (const panel of JSON.parse(object.attributes.panelsJSON as string) as {
          panelIndex: string;
          panelRefName: string;
        }[]) {
          expect(names.has(`${panel.panelIndex}:${panel.panelRefName}`), `${object.id} panel ${panel.panelIndex}`).toBe(
            true,
          );
        }
      }
      if (object.type === "lens") expect(names.has("indexpattern-datasource-layer-layer1")).toBe(true);
    }
  });

  it("uses only fields that exist in the incident index template", () => {
    for (const object of objects) {
      for (const field of fieldsUsed(object)) expect(fieldExists(field), `${object.id} uses ${field}`).toBe(true);
    }
  });

  it("only references objects that come earlier in the file (import order)", () => {
    const seen = new Set<string>();
    for (const object of objects) {
      for (const ref of object.references) expect(seen.has(`${ref.type}:${ref.id}`)).toBe(true);
      seen.add(`${object.type}:${object.id}`);
    }
  });
});
