// The demo with no Kafka and no Elasticsearch: the simulation is written as NDJSON and run through the
// replay pipeline (the same stages `gapwatch replay` uses), printing incidents as the engine opens them.
import { bindStages } from "../../runtime/bind-stages.ts";
import { replay } from "../../runtime/replay.ts";
import type { Simulation } from "../core.ts";
import { toIncidentView } from "../incident-view.ts";
import { scoreIncidents } from "../truth.ts";
import { writeSimulation } from "../write-ndjson.ts";
import { type DemoOutput, type DemoResult, printIncident } from "./report.ts";

export async function runOfflineDemo(
  simulation: Simulation,
  dir: string,
  out: DemoOutput,
  now: () => number,
): Promise<DemoResult> {
  const started = now();
  out.progress(`writing the simulated plant's records to ${dir}/records`);
  const written = await writeSimulation(simulation, dir);
  const stages = await bindStages({
    sitePath: written.site,
    allowedLatenessMs: 60_000,
    stateBounds: { maxEntriesPerRule: 100_000, ttlMs: 86_400_000 },
  });
  out.progress(
    `replaying ${written.records} records through ingest -> enrich -> correlate (${stages.ruleCount} rules)`,
  );
  const result = await replay({
    inputs: [written.records_dir],
    stages,
    onIncident: (incident, change) => printIncident(out, toIncidentView(stages.toEcs(incident)), change),
  });
  const incidents = result.incidents.map((i) => toIncidentView(stages.toEcs(i)));
  return {
    mode: "offline",
    card: scoreIncidents(simulation.truth, incidents),
    incidents,
    latencyMs: {},
    records: written.records,
    elapsedMs: now() - started,
    where: [
      `records: ${written.records_dir}   site model: ${written.site}   ground truth: ${written.truth}`,
      `same run with the CLI: gapwatch replay ${written.records_dir} --site ${written.site} --out incidents.ndjson`,
      "with Kafka and Elasticsearch: gapwatch demo (starts a local stack when none is configured)",
    ],
  };
}
