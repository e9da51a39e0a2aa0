// Start-up of the Elasticsearch incident sink: connect, wait for the cluster (GET / does not exist on every
// build, so _cluster/health), detect capabilities, install the template, and hand back the sink.
import type { EsCapabilities } from "../../../../mappings/elasticsearch/template.ts";
import { DeliveryError } from "../../errors.ts";
import { detectCapabilities } from "./capabilities.ts";
import { createEsClient } from "./client.ts";
import { EsSinkConfig } from "./config.ts";
import { EsIncidentSink, type EsSinkDeps } from "./incident-sink.ts";
import { type InstallReport, installIncidentTemplate } from "./install.ts";
import { EsTriageReader } from "./triage-reader.ts";

export interface OpenedEsSink {
  sink: EsIncidentSink;
  /** Analysts' triage, read back for acknowledge/resolve pages (same client: valid until sink.close()). */
  triage: EsTriageReader;
  capabilities: EsCapabilities;
  install: InstallReport;
}

export async function openEsIncidentSink(input: EsSinkConfig | unknown, deps: EsSinkDeps = {}): Promise<OpenedEsSink> {
  const config = EsSinkConfig.parse(input);
  const client = createEsClient(config);
  try {
    await client.cluster.health({ wait_for_status: "yellow", timeout: "30s" });
  } catch (error) {
    await client.close();
    throw new DeliveryError(
      "es_unreachable",
      `Elasticsearch at ${new URL(config.node).origin} is not reachable: ${(error as Error).message}`,
      {
        retryable: true,
        cause: error,
      },
    );
  }
  const capabilities = await detectCapabilities(client);
  const install = await installIncidentTemplate(client, config, capabilities);
  return {
    sink: new EsIncidentSink(client, config, deps),
    triage: new EsTriageReader(client, config.index),
    capabilities,
    install,
  };
}
