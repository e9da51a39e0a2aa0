// The saved object shape Kibana 8.x exports and its import API accepts, and the ids shared across objects.
export interface SavedObject {
  id: string;
  type: "index-pattern" | "search" | "lens" | "dashboard";
  coreMigrationVersion: string;
  typeMigrationVersion: string;
  attributes: Record<string, unknown>;
  references: { id: string; name: string; type: string }[];
}

export const DATA_VIEW_ID = "gapwatch-incidents";
export const CORE_MIGRATION_VERSION = "8.8.0";
