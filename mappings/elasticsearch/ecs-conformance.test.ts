// Every ECS field the incident document writes has the type the ECS reference (@elastic/ecs EcsFlat) gives it,
// and allowed values where ECS lists them. A test, not a promise: it walks real shaped documents.
import { EcsFlat } from "@elastic/ecs";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { IncidentDocumentConfig } from "../../processors/incident/config.ts";
import { shapeIncident } from "../../processors/incident/core.ts";
import { pivotIncident, variantIncident } from "../../processors/incident/fixtures/pivot-incident.ts";
import { leafPaths } from "../../processors/incident/flatten.ts";
import { INCIDENT_ECS_FIELDS } from "./ecs-fields.ts";

interface Definition {
  type: string;
  allowed_values?: { name: string; expected_event_types?: string[] }[];
  object_type?: string;
}
const ecs = EcsFlat as Record<string, Definition | undefined>;

const documents = [
  shapeIncident(pivotIncident, IncidentDocumentConfig.parse({})),
  shapeIncident(
    variantIncident({ id: "inc-2", severity: "medium", path: [], evidence: pivotIncident.evidence.slice(0, 1) }),
    IncidentDocumentConfig.parse({ tags: ["site-a"] }),
  ),
];

function checkValue(type: string, value: unknown): boolean {
  switch (type) {
    case "keyword":
    case "constant_keyword":
    case "wildcard":
    case "match_only_text":
    case "text":
      return typeof value === "string";
    case "long":
    case "integer":
      return Number.isInteger(value);
    case "float":
    case "double":
    case "scaled_float":
      return typeof value === "number" && Number.isFinite(value);
    case "date":
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value);
    case "ip":
      return typeof value === "string" && ipaddr.isValid(value);
    case "boolean":
      return typeof value === "boolean";
    default:
      return false;
  }
}

describe("incident document vs ECS reference", () => {
  for (const [n, doc] of documents.entries()) {
    const { gapwatch: _own, ...ecsPart } = doc;
    const leaves = leafPaths(ecsPart);

    it(`document ${n}: every non-gapwatch field is an ECS field listed in ecs-fields.ts`, () => {
      for (const path of leaves.keys()) {
        const field = path.startsWith("labels.") ? "labels" : path;
        expect(ecs[field], `${path} is not in EcsFlat`).toBeDefined();
        expect(INCIDENT_ECS_FIELDS as readonly string[], `${path} missing from ecs-fields.ts`).toContain(field);
      }
    });

    it(`document ${n}: every value has its ECS type`, () => {
      for (const [path, values] of leaves) {
        const definition = path.startsWith("labels.") ? { type: ecs.labels!.object_type! } : ecs[path]!;
        for (const value of values) {
          expect(
            checkValue(definition.type, value),
            `${path}=${JSON.stringify(value)} is not an ECS ${definition.type}`,
          ).toBe(true);
        }
      }
    });

    it(`document ${n}: categorisation fields use ECS allowed values and expected types`, () => {
      const kinds = ecs["event.kind"]!.allowed_values!.map((v) => v.name);
      expect(kinds).toContain(doc.event.kind);
      const categories = ecs["event.category"]!.allowed_values!;
      for (const category of doc.event.category) {
        const allowed = categories.find((v) => v.name === category);
        expect(allowed, `event.category ${category}`).toBeDefined();
        for (const type of doc.event.type) expect(allowed!.expected_event_types).toContain(type);
      }
    });
  }
});
