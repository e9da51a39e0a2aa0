// Explicit mappings for gapwatch's own namespace of the incident document (processors/incident/schema.ts).
// path and evidence are `nested` so a query can ask for ONE hop (or one event) matching several conditions;
// each evidence event is also kept whole as `flattened` so any of its fields is searchable without a mapping.
import type { FieldMapping } from "./field-types.ts";

const keyword: FieldMapping = { type: "keyword", ignore_above: 1024 };
const date: FieldMapping = { type: "date" };

/**
 * One side of the crossing: every field of the enrichment's SiteEndpoint (mappings/schema/canonical-event.ts),
 * whether or not the incident document carries it yet; site-side-mapping.test.ts walks that schema.
 */
const siteSide: FieldMapping = {
  properties: {
    asset: {
      properties: {
        id: keyword,
        name: keyword,
        role: keyword,
        criticality: keyword,
        vendor: keyword,
        model: keyword,
        attack_ics_asset: keyword,
      },
    },
    zone: {
      properties: {
        id: keyword,
        name: keyword,
        level: { type: "float" },
        kind: keyword,
        sl_t: { type: "short" },
        criticality: keyword,
      },
    },
    level: { type: "float" },
    unknown_asset: { type: "boolean" },
    host: { properties: { id: keyword, name: keyword, via: keyword } },
    identity: keyword,
  },
};

export const GAPWATCH_PROPERTIES: Record<string, FieldMapping> = {
  gapwatch: {
    properties: {
      schema_version: keyword,
      severity: keyword,
      status: keyword,
      assignee: keyword,
      key: keyword,
      window_start: date,
      first_seen: date,
      last_seen: date,
      count: { type: "long" },
      rule: { properties: { kind: keyword, techniques: keyword, references: keyword } },
      source: siteSide,
      destination: siteSide,
      conduit: { properties: { verdict: keyword, id: keyword, reasons: keyword } },
      zone_crossings: keyword,
      it_ot_crossing: keyword,
      path: {
        type: "nested",
        properties: {
          seq: { type: "integer" },
          "@timestamp": date,
          host: { properties: { id: keyword, name: keyword, ip: { type: "ip" } } },
          zone: { properties: { id: keyword, level: { type: "float" } } },
          via: keyword,
          protocol: keyword,
          action: keyword,
        },
      },
      evidence: {
        type: "nested",
        properties: {
          "@timestamp": date,
          dataset: keyword,
          action: keyword,
          observer_type: keyword,
          source_ip: { type: "ip" },
          destination_ip: { type: "ip" },
          host_name: keyword,
          provenance: {
            properties: {
              topic: keyword,
              partition: { type: "integer" },
              offset: keyword,
              file: keyword,
              line: { type: "integer" },
              format: keyword,
              schema: keyword,
            },
          },
          event: { type: "flattened", ignore_above: 1024, depth_limit: 20 },
          original: { type: "keyword", index: false, doc_values: false },
        },
      },
      evidence_omitted: { type: "integer" },
    },
  },
};
