// What a `gapwatch run` test expects: the incidents `replay` finds in the same records (final state by id),
// and the same view of what Elasticsearch holds, so the two compare with one toEqual.

import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScenarioRecord } from "../../processors/runtime/test-support/scenario.ts";
import type { EsIncident } from "./runtime-es.ts";
import { RULES, type RunEnv, SITE } from "./runtime-harness.ts";

export interface ExpectedIncident {
  count: number;
  first_seen: string;
  last_seen: string;
}

/** The incidents replay gives for the same records (final state by id): what every `run` topology must produce. */
export async function expectedIncidents(
  env: RunEnv,
  records: ScenarioRecord[],
): Promise<Map<string, ExpectedIncident>> {
  const { bindStages } = await import("../../processors/runtime/bind-stages.ts");
  const { replay } = await import("../../processors/runtime/replay.ts");
  const edr = join(env.dir, "expected-edr.ndjson");
  const zeek = join(env.dir, "modbus_detailed.ndjson");
  await writeFile(
    edr,
    records
      .filter((r) => r.stream === "edr")
      .map((r) => `${r.value}\n`)
      .join(""),
  );
  await writeFile(
    zeek,
    records
      .filter((r) => r.stream === "zeek")
      .map((r) => `${r.value}\n`)
      .join(""),
  );
  const stages = await bindStages({
    sitePath: SITE,
    rulesDir: RULES,
    allowedLatenessMs: env.latenessMs,
    stateBounds: { maxEntriesPerRule: 100_000, ttlMs: 86_400_000 },
  });
  const result = await replay({ inputs: [edr, zeek], stages });
  return new Map(
    result.incidents.map((i) => [i.id, { count: i.count, first_seen: i.first_seen, last_seen: i.last_seen }]),
  );
}

export async function expectedIncidentIds(env: RunEnv, records: ScenarioRecord[]): Promise<string[]> {
  return [...(await expectedIncidents(env, records)).keys()].sort();
}

/** The same view of what Elasticsearch holds, to compare with expectedIncidents(). */
export function incidentsOf(hits: EsIncident[]): Map<string, ExpectedIncident> {
  return new Map(
    hits.map((h) => {
      const g =
        (h._source as { gapwatch?: { count?: number; first_seen?: string; last_seen?: string } }).gapwatch ?? {};
      return [h._id, { count: g.count ?? 0, first_seen: g.first_seen ?? "", last_seen: g.last_seen ?? "" }];
    }),
  );
}
