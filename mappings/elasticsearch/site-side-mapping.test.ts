// The template maps every leaf of the enrichment's SiteEndpoint (gapwatch.source / gapwatch.destination) with a
// type that fits: walking the zod schema means a field added to SiteEndpoint fails here until it is mapped.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { SiteEndpoint } from "../schema/canonical-event.ts";
import { CORE_FIELD_TYPES } from "./field-types.ts";
import { mappingAt } from "./mapping-lookup.ts";
import { incidentTemplate } from "./template.ts";

type Leaf = "string" | "number" | "boolean";

/** Every leaf of a zod schema as dotted path → kind (optionals, arrays and enums unwrapped). */
function zodLeaves(schema: z.core.$ZodType, path: string, out: Map<string, Leaf>): Map<string, Leaf> {
  const def = schema._zod.def as z.core.$ZodTypeDef & {
    shape?: Record<string, z.core.$ZodType>;
    innerType?: z.core.$ZodType;
    element?: z.core.$ZodType;
  };
  switch (def.type) {
    case "object":
      for (const [key, child] of Object.entries(def.shape!)) zodLeaves(child, path ? `${path}.${key}` : key, out);
      return out;
    case "optional":
    case "nullable":
    case "default":
      return zodLeaves(def.innerType!, path, out);
    case "array":
      return zodLeaves(def.element!, path, out);
    case "string":
    case "enum":
      return out.set(path, "string");
    case "number":
      return out.set(path, "number");
    case "boolean":
      return out.set(path, "boolean");
    default:
      throw new Error(`${path}: zod type ${def.type} has no rule here; extend zodLeaves and the mapping`);
  }
}

const fits: Record<Leaf, string[]> = {
  string: ["keyword", "constant_keyword", "wildcard"],
  number: ["float", "double", "half_float", "scaled_float", "byte", "short", "integer", "long"],
  boolean: ["boolean"],
};

const options = { index: "gapwatch-incidents", ilmPolicy: "gapwatch-incidents", shards: 1, autoExpandReplicas: "0-1" };
const properties = incidentTemplate(options, { fieldTypes: CORE_FIELD_TYPES, ilm: false, dataStreams: false }).template
  .mappings.properties;

describe("gapwatch.source / gapwatch.destination mappings", () => {
  const leaves = zodLeaves(SiteEndpoint, "", new Map());

  it("walks the current SiteEndpoint shape (enrichment fields included)", () => {
    expect([...leaves.keys()]).toEqual(
      expect.arrayContaining(["asset.id", "zone.level", "level", "unknown_asset", "host.id", "host.via", "identity"]),
    );
  });

  for (const side of ["source", "destination"]) {
    it(`maps every SiteEndpoint leaf under gapwatch.${side} with a fitting type`, () => {
      for (const [leaf, kind] of leaves) {
        const field = `gapwatch.${side}.${leaf}`;
        const mapping = mappingAt(properties, field);
        expect(mapping, `${field} has no mapping`).toBeDefined();
        expect(fits[kind], `${field}: ${String(mapping?.type)} does not hold a ${kind}`).toContain(mapping?.type);
      }
    });
  }

  it("maps the Purdue level as float (3.5 is the IT/OT DMZ) and the lease origin as keyword", () => {
    expect(mappingAt(properties, "gapwatch.source.level")).toEqual({ type: "float" });
    expect(mappingAt(properties, "gapwatch.destination.host.via")).toMatchObject({ type: "keyword" });
  });
});
