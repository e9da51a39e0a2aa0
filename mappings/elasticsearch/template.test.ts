import { describe, expect, it } from "vitest";
import { defaultIncidentDocumentConfig } from "../../processors/incident/config.ts";
import { shapeIncident } from "../../processors/incident/core.ts";
import { pivotIncident } from "../../processors/incident/fixtures/pivot-incident.ts";
import { leafPaths } from "../../processors/incident/flatten.ts";
import { INCIDENT_ECS_FIELDS } from "./ecs-fields.ts";
import { ecsFieldMapping } from "./ecs-mapping.ts";
import { CORE_FIELD_TYPES, collectFieldTypes } from "./field-types.ts";
import { incidentIndexName } from "./index-name.ts";
import { mappingAt } from "./mapping-lookup.ts";
import { type EsCapabilities, incidentProperties, incidentTemplate } from "./template.ts";

const everything = collectFieldTypes(incidentProperties());
const full: EsCapabilities = { fieldTypes: everything, ilm: true, dataStreams: true };
const integTest: EsCapabilities = {
  fieldTypes: new Set([...CORE_FIELD_TYPES, "flattened"]),
  ilm: false,
  dataStreams: false,
};
const options = { index: "gapwatch-incidents", ilmPolicy: "gapwatch-incidents", shards: 1, autoExpandReplicas: "0-1" };

describe("incident index template", () => {
  it("maps every field of a shaped document explicitly (the index is dynamic: strict)", () => {
    const template = incidentTemplate(options, integTest);
    const properties = template.template.mappings.properties;
    const doc = shapeIncident(pivotIncident, defaultIncidentDocumentConfig);
    const leaves = leafPaths(
      { ...doc, event: { ...doc.event, ingested: doc.event.start } },
      new Set(["gapwatch.evidence.event"]),
    );
    for (const path of leaves.keys()) {
      if (path.startsWith("labels.")) continue; // dynamic template labels.* → keyword
      expect(mappingAt(properties, path), `${path} has no mapping`).toBeDefined();
    }
    expect(template.template.mappings.dynamic).toBe("strict");
  });

  it("generates ECS mappings from EcsFlat: types, ignore_above, multi-fields", () => {
    expect(ecsFieldMapping("source.ip")).toEqual({ type: "ip" });
    expect(ecsFieldMapping("event.severity")).toEqual({ type: "long" });
    expect(ecsFieldMapping("threat.technique.name")).toMatchObject({
      type: "keyword",
      ignore_above: 1024,
      fields: { text: { type: "match_only_text" } },
    });
    for (const field of INCIDENT_ECS_FIELDS) expect(() => ecsFieldMapping(field)).not.toThrow();
  });

  it("keeps ECS types where the server has them and degrades where it lacks them", () => {
    const fullProps = incidentTemplate(options, full).template.mappings.properties;
    const degraded = incidentTemplate(options, integTest).template.mappings.properties;
    expect(mappingAt(fullProps, "message")).toEqual({ type: "match_only_text" });
    expect(mappingAt(degraded, "message")).toEqual({ type: "text" });
    expect(mappingAt(degraded, "threat.technique.name")).toMatchObject({
      type: "keyword",
      fields: { text: { type: "text" } },
    });
    expect([...collectFieldTypes(degraded)].filter((type) => !integTest.fieldTypes.has(type))).toEqual([]);
    expect(mappingAt(degraded, "gapwatch.path")).toMatchObject({ type: "nested" });
    expect(mappingAt(degraded, "gapwatch.evidence.source_ip")).toEqual({ type: "ip" });
  });

  it("attaches an ILM policy only when the server has ILM", () => {
    expect(incidentTemplate(options, full).template.settings.index["lifecycle.name"]).toBe("gapwatch-incidents");
    expect(incidentTemplate(options, integTest).template.settings.index).not.toHaveProperty("lifecycle.name");
  });

  it("names monthly indices by window start so updates land where the insert went", () => {
    expect(incidentIndexName("gapwatch-incidents", "month", "2026-11-20T10:00:00.000Z")).toBe(
      "gapwatch-incidents-2026.11",
    );
    expect(incidentIndexName("gapwatch-incidents", "none", "2026-11-20T10:00:00.000Z")).toBe("gapwatch-incidents");
  });
});
