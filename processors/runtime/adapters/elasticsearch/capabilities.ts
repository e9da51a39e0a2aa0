// What this Elasticsearch server can do, detected at start by asking it (never guessed from the version):
// each candidate field type is tried in a simulated template, ILM and data streams by calling their APIs.
import type { Client } from "@elastic/elasticsearch";
import { CORE_FIELD_TYPES, collectFieldTypes } from "../../../../mappings/elasticsearch/field-types.ts";
import { type EsCapabilities, incidentProperties } from "../../../../mappings/elasticsearch/template.ts";

async function acceptsFieldType(client: Client, type: string): Promise<boolean> {
  try {
    await client.indices.simulateTemplate({
      index_patterns: ["gapwatch-capability-probe-*"],
      template: { mappings: { properties: { probe: { type } as never } } },
    });
    return true;
  } catch (error) {
    if (isStatus(error, 400)) return false;
    throw error;
  }
}

async function apiResponds(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    // 400/404/405: no such API on this server (the integ-test build has no ILM or data-stream modules).
    if (isStatus(error, 400) || isStatus(error, 404) || isStatus(error, 405)) return false;
    throw error;
  }
}

function isStatus(error: unknown, status: number): boolean {
  return (error as { meta?: { statusCode?: number } })?.meta?.statusCode === status;
}

export async function detectCapabilities(client: Client): Promise<EsCapabilities> {
  const wanted = [...collectFieldTypes(incidentProperties())].filter((type) => !CORE_FIELD_TYPES.has(type));
  const fieldTypes = new Set(CORE_FIELD_TYPES);
  const probes = await Promise.all(wanted.map(async (type) => [type, await acceptsFieldType(client, type)] as const));
  for (const [type, ok] of probes) if (ok) fieldTypes.add(type);
  const [ilm, dataStreams] = await Promise.all([
    apiResponds(() => client.ilm.getStatus()),
    apiResponds(() => client.indices.getDataStream()),
  ]);
  return { fieldTypes, ilm, dataStreams };
}
