// Kibana saved objects for triaging gapwatch incidents: a data view, three saved searches, four Lens
// visualisations and a dashboard, in the shape Kibana 8.x exports (import with /api/saved_objects/_import).
// gapwatch.ndjson is GENERATED from this file (`npx tsx mappings/kibana/generate.ts`); the test checks both agree.

import { lensXY, termsColumn } from "./lens.ts";
import { CORE_MIGRATION_VERSION as CORE, DATA_VIEW_ID, type SavedObject } from "./saved-object.ts";

export type { SavedObject } from "./saved-object.ts";

const indexRef = { id: DATA_VIEW_ID, name: "kibanaSavedObjectMeta.searchSourceJSON.index", type: "index-pattern" };

const dataView: SavedObject = {
  id: DATA_VIEW_ID,
  type: "index-pattern",
  coreMigrationVersion: CORE,
  typeMigrationVersion: "8.0.0",
  attributes: {
    title: "gapwatch-incidents*",
    name: "gapwatch incidents",
    timeFieldName: "@timestamp",
    fields: "[]",
    fieldFormatMap: "{}",
    runtimeFieldMap: "{}",
    sourceFilters: JSON.stringify([{ value: "gapwatch.evidence.original" }]),
    allowNoIndex: true,
  },
  references: [],
};

function search(
  id: string,
  title: string,
  description: string,
  query: string,
  columns: string[],
  sort: [string, string][],
): SavedObject {
  return {
    id,
    type: "search",
    coreMigrationVersion: CORE,
    typeMigrationVersion: "8.0.0",
    attributes: {
      title,
      description,
      columns,
      sort,
      hits: 0,
      version: 1,
      kibanaSavedObjectMeta: {
        searchSourceJSON: JSON.stringify({
          query: { query, language: "kuery" },
          filter: [],
          indexRefName: indexRef.name,
        }),
      },
    },
    references: [indexRef],
  };
}

const openCritical = search(
  "gapwatch-search-open-critical",
  "gapwatch: open critical incidents",
  "Critical incidents nobody has acknowledged yet, newest first.",
  'gapwatch.status : "open" and gapwatch.severity : "critical"',
  [
    "message",
    "gapwatch.it_ot_crossing",
    "gapwatch.destination.asset.name",
    "destination.ip",
    "threat.technique.id",
    "gapwatch.count",
  ],
  [["@timestamp", "desc"]],
);

const byZone = search(
  "gapwatch-search-by-zone-level",
  "gapwatch: incidents by zone and Purdue level",
  "Open and acknowledged incidents, deepest target level first.",
  'gapwatch.status : ("open" or "acknowledged")',
  [
    "gapwatch.destination.zone.id",
    "gapwatch.destination.level",
    "gapwatch.destination.asset.name",
    "gapwatch.source.zone.id",
    "gapwatch.source.level",
    "gapwatch.severity",
    "message",
  ],
  [
    ["gapwatch.destination.level", "asc"],
    ["@timestamp", "desc"],
  ],
);

const byTechnique = search(
  "gapwatch-search-by-technique",
  "gapwatch: incidents by ATT&CK technique",
  "Incidents with their ATT&CK for ICS and Enterprise techniques and tactics.",
  "threat.technique.id : *",
  ["threat.technique.id", "threat.technique.name", "threat.tactic.name", "rule.name", "gapwatch.severity", "message"],
  [["@timestamp", "desc"]],
);

const overTime = lensXY(
  "gapwatch-lens-incidents-over-time",
  "gapwatch: incidents over time by severity",
  {
    label: "@timestamp",
    dataType: "date",
    operationType: "date_histogram",
    sourceField: "@timestamp",
    isBucketed: true,
    scale: "interval",
    params: { interval: "auto", includeEmptyRows: true, dropPartials: false },
  },
  "bar_stacked",
  termsColumn("gapwatch.severity", 4),
);
const topTechniques = lensXY(
  "gapwatch-lens-top-techniques",
  "gapwatch: top ATT&CK techniques",
  termsColumn("threat.technique.id", 10),
  "bar_horizontal",
);
const topHosts = lensXY(
  "gapwatch-lens-top-source-hosts",
  "gapwatch: top source hosts",
  termsColumn("host.name", 10),
  "bar_horizontal",
);
const crossings = lensXY(
  "gapwatch-lens-it-ot-crossings",
  "gapwatch: IT→OT crossings by zone pair",
  termsColumn("gapwatch.it_ot_crossing", 15),
  "bar_horizontal",
);

function dashboard(
  id: string,
  title: string,
  panels: { object: SavedObject; x: number; y: number; w: number; h: number }[],
): SavedObject {
  const panelsJSON = panels.map((panel, i) => ({
    version: "8.9.0",
    type: panel.object.type,
    gridData: { x: panel.x, y: panel.y, w: panel.w, h: panel.h, i: `p${i + 1}` },
    panelIndex: `p${i + 1}`,
    embeddableConfig: { enhancements: {} },
    panelRefName: `panel_p${i + 1}`,
  }));
  return {
    id,
    type: "dashboard",
    coreMigrationVersion: CORE,
    typeMigrationVersion: "8.7.0",
    attributes: {
      title,
      description: "Triage view of gapwatch incidents: volume by severity, techniques, IT hosts and IT→OT crossings.",
      panelsJSON: JSON.stringify(panelsJSON),
      optionsJSON: JSON.stringify({
        useMargins: true,
        syncColors: false,
        syncCursor: true,
        syncTooltips: false,
        hidePanelTitles: false,
      }),
      timeRestore: false,
      version: 1,
      kibanaSavedObjectMeta: {
        searchSourceJSON: JSON.stringify({ query: { query: "", language: "kuery" }, filter: [] }),
      },
    },
    references: panels.map((panel, i) => ({
      id: panel.object.id,
      name: `p${i + 1}:panel_p${i + 1}`,
      type: panel.object.type,
    })),
  };
}

const triage = dashboard("gapwatch-dashboard-triage", "gapwatch: incident triage", [
  { object: overTime, x: 0, y: 0, w: 48, h: 12 },
  { object: topTechniques, x: 0, y: 12, w: 16, h: 14 },
  { object: topHosts, x: 16, y: 12, w: 16, h: 14 },
  { object: crossings, x: 32, y: 12, w: 16, h: 14 },
  { object: openCritical, x: 0, y: 26, w: 48, h: 16 },
]);

/** In import order: what is referenced comes before what references it. */
export const SAVED_OBJECTS: SavedObject[] = [
  dataView,
  openCritical,
  byZone,
  byTechnique,
  overTime,
  topTechniques,
  topHosts,
  crossings,
  triage,
];

export function toNdjson(objects: readonly SavedObject[]): string {
  return `${objects.map((object) => JSON.stringify(object)).join("\n")}\n`;
}
