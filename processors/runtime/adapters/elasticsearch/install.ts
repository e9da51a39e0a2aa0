// Installs what incidents need at start, idempotently: the ILM policy (only where ILM exists and a retention is
// configured), the index template, and the template's new fields onto incident indices that already exist.
// A template from a NEWER gapwatch is left alone, so a rolling upgrade never downgrades mappings.
import type { Client } from "@elastic/elasticsearch";
import {
  type EsCapabilities,
  INCIDENT_TEMPLATE_VERSION,
  incidentIndexPatterns,
  incidentTemplate,
  incidentTemplateName,
} from "../../../../mappings/elasticsearch/template.ts";
import { ConfigError } from "../../errors.ts";
import type { EsSinkConfig } from "./config.ts";

export interface InstallReport {
  template: "installed" | "kept-newer";
  ilmPolicy?: string;
}

export async function installIncidentTemplate(
  client: Client,
  config: EsSinkConfig,
  capabilities: EsCapabilities,
): Promise<InstallReport> {
  const report: InstallReport = { template: "installed" };
  let ilmPolicy: string | undefined;
  if (capabilities.ilm && config.ilm.delete_after) {
    await client.ilm.putLifecycle({
      name: config.ilm.policy,
      policy: {
        _meta: { managed_by: "gapwatch" },
        phases: { hot: { actions: {} }, delete: { min_age: config.ilm.delete_after, actions: { delete: {} } } },
      },
    });
    ilmPolicy = config.ilm.policy;
    report.ilmPolicy = ilmPolicy;
  }
  const name = incidentTemplateName(config.index);
  const existing = await client.indices.getIndexTemplate({ name }, { ignore: [404] });
  const installed = existing.index_templates?.[0]?.index_template.version ?? 0;
  if (installed > INCIDENT_TEMPLATE_VERSION) return { ...report, template: "kept-newer" };

  const body = incidentTemplate(
    {
      index: config.index,
      ...(ilmPolicy ? { ilmPolicy } : {}),
      shards: config.shards,
      autoExpandReplicas: config.auto_expand_replicas,
      refreshInterval: config.refresh_interval,
    },
    capabilities,
  );
  try {
    await client.indices.putIndexTemplate({ name, ...(body as object) });
    // Indices created from an older template get the new fields (mappings only ever grow within a version).
    await client.indices.putMapping({
      index: incidentIndexPatterns(config.index),
      allow_no_indices: true,
      ignore_unavailable: true,
      properties: body.template.mappings.properties as never,
    });
    // ...and the configured refresh interval (a dynamic setting), so detection latency does not depend on
    // when the index was created.
    await client.indices.putSettings({
      index: incidentIndexPatterns(config.index),
      allow_no_indices: true,
      ignore_unavailable: true,
      settings: { index: { refresh_interval: config.refresh_interval } },
    });
  } catch (error) {
    const reason = (error as { meta?: { body?: { error?: { reason?: string } } } }).meta?.body?.error?.reason;
    throw new ConfigError(
      "es_template_rejected",
      `Elasticsearch refused the incident template ${name}: ${reason ?? error}`,
      {
        location: { field: "outputs.elasticsearch.index" },
        cause: error,
      },
    );
  }
  return report;
}
