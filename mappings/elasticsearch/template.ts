// The composable index template for incidents. Built from the server's detected capabilities (which field types,
// whether ILM exists), so the same code installs on the integ-test build and on a full Elasticsearch.
import { INCIDENT_DOCUMENT_VERSION } from "../../processors/incident/schema.ts";
import { INCIDENT_ECS_FIELDS } from "./ecs-fields.ts";
import { ecsObjectTemplates, ecsProperties } from "./ecs-mapping.ts";
import { degradeProperties, type FieldMapping } from "./field-types.ts";
import { GAPWATCH_PROPERTIES } from "./gapwatch-mapping.ts";

/** Bump when the mappings change; the installer never replaces a template with a higher version. */
export const INCIDENT_TEMPLATE_VERSION = 3;

export interface EsCapabilities {
  /** Field types the server accepts (probed). */
  fieldTypes: ReadonlySet<string>;
  /** Index lifecycle management API present. */
  ilm: boolean;
  /** Data stream API present (incidents never use one: see README). */
  dataStreams: boolean;
}

export interface IncidentTemplateOptions {
  /** Base index name, e.g. "gapwatch-incidents" (indices are `<base>` or `<base>-YYYY.MM`). */
  index: string;
  /** ILM policy to attach when the server has ILM. */
  ilmPolicy?: string;
  shards: number;
  /** Replicas as `auto_expand_replicas` ("0-1" suits a single node and a cluster alike). */
  autoExpandReplicas: string;
  /** index.refresh_interval ("250ms"): how soon a written incident is searchable. */
  refreshInterval?: string;
}

/** All field mappings as gapwatch wants them, before degradation. */
export function incidentProperties(): Record<string, FieldMapping> {
  return { ...ecsProperties(INCIDENT_ECS_FIELDS), ...GAPWATCH_PROPERTIES };
}

export function incidentTemplateName(index: string): string {
  return `${index}-template`;
}

export function incidentIndexPatterns(index: string): string[] {
  return [index, `${index}-*`];
}

export function incidentTemplate(options: IncidentTemplateOptions, capabilities: EsCapabilities) {
  const settings: Record<string, unknown> = {
    number_of_shards: options.shards,
    auto_expand_replicas: options.autoExpandReplicas,
    "mapping.total_fields.limit": 2000,
  };
  if (options.refreshInterval) settings.refresh_interval = options.refreshInterval;
  if (capabilities.ilm && options.ilmPolicy) settings["lifecycle.name"] = options.ilmPolicy;
  const meta = {
    managed_by: "gapwatch",
    template_version: INCIDENT_TEMPLATE_VERSION,
    document_version: INCIDENT_DOCUMENT_VERSION,
  };
  return {
    index_patterns: incidentIndexPatterns(options.index),
    // Above the built-in logs-*-* template (100), so a logs-* index name stays a plain index that accepts updates.
    priority: 500,
    version: INCIDENT_TEMPLATE_VERSION,
    _meta: meta,
    template: {
      settings: { index: settings },
      mappings: {
        _meta: meta,
        dynamic: "strict",
        date_detection: false,
        dynamic_templates: ecsObjectTemplates(INCIDENT_ECS_FIELDS),
        properties: degradeProperties(incidentProperties(), capabilities.fieldTypes),
      },
    },
  };
}
