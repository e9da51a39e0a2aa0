// Lens XY chart saved objects (Kibana 8.x "formBased" datasource): count of incidents by one bucket column,
// optionally split by a second. Only what the gapwatch dashboard needs; fields are checked by the NDJSON test.
import { CORE_MIGRATION_VERSION, DATA_VIEW_ID, type SavedObject } from "./saved-object.ts";

const COUNT = "col-count";
const countColumn = {
  label: "Incidents",
  customLabel: true,
  dataType: "number",
  operationType: "count",
  isBucketed: false,
  scale: "ratio",
  sourceField: "___records___",
  params: { emptyAsNull: true },
};

export function termsColumn(field: string, size: number) {
  return {
    label: `Top ${size} values of ${field}`,
    dataType: "string",
    operationType: "terms",
    sourceField: field,
    isBucketed: true,
    scale: "ordinal",
    params: {
      size,
      orderBy: { type: "column", columnId: COUNT },
      orderDirection: "desc",
      otherBucket: true,
      missingBucket: false,
      parentFormat: { id: "terms" },
    },
  };
}

/** A one-layer Lens XY chart: count of incidents by `x` (optionally split by `split`). */
export function lensXY(
  id: string,
  title: string,
  x: Record<string, unknown>,
  seriesType: string,
  split?: Record<string, unknown>,
): SavedObject {
  const layerId = "layer1";
  const columns: Record<string, unknown> = { "col-x": x, [COUNT]: countColumn };
  if (split) columns["col-split"] = split;
  return {
    id,
    type: "lens",
    coreMigrationVersion: CORE_MIGRATION_VERSION,
    typeMigrationVersion: "8.9.0",
    attributes: {
      title,
      description: "",
      visualizationType: "lnsXY",
      state: {
        visualization: {
          legend: { isVisible: true, position: "right" },
          valueLabels: "hide",
          preferredSeriesType: seriesType,
          layers: [
            {
              layerId,
              layerType: "data",
              seriesType,
              xAccessor: "col-x",
              accessors: [COUNT],
              ...(split ? { splitAccessor: "col-split" } : {}),
            },
          ],
        },
        query: { query: "", language: "kuery" },
        filters: [],
        datasourceStates: {
          formBased: {
            layers: {
              [layerId]: {
                columns,
                columnOrder: split ? ["col-split", "col-x", COUNT] : ["col-x", COUNT],
                incompleteColumns: {},
              },
            },
          },
        },
        internalReferences: [],
        adHocDataViews: {},
      },
    },
    references: [{ id: DATA_VIEW_ID, name: `indexpattern-datasource-layer-${layerId}`, type: "index-pattern" }],
  };
}
