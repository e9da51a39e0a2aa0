// Shared by the end-to-end suites: simulate the demo plant into a temporary directory, replay it through
// the real stages and the built-in rule pack, and score the incidents against the ground truth.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bindStages } from "../../processors/runtime/bind-stages.ts";
import { replay } from "../../processors/runtime/replay.ts";
import { simulateConfig } from "../../processors/simulate/config.ts";
import { createSimulation, type Simulation } from "../../processors/simulate/core.ts";
import { toIncidentView } from "../../processors/simulate/incident-view.ts";
import { type IncidentView, type Scorecard, scoreIncidents } from "../../processors/simulate/truth.ts";
import { type WrittenSimulation, writeSimulation } from "../../processors/simulate/write-ndjson.ts";

export interface ScenarioRun {
  simulation: Simulation;
  written: WrittenSimulation;
  incidents: IncidentView[];
  card: Scorecard;
  /** Records dropped because no normaliser exists yet for their format, per topic file. */
  missingFormats: Set<string>;
  deadLetters: Record<string, number>;
}

export const E2E_CONFIG = { seed: "gapwatch-e2e", durationMinutes: 30, plant: { itHosts: 80 } };

export async function simulateAndReplay(overrides: Record<string, unknown> = {}): Promise<ScenarioRun> {
  const simulation = createSimulation(simulateConfig({ ...E2E_CONFIG, ...overrides }));
  const dir = await mkdtemp(path.join(tmpdir(), "gapwatch-e2e-"));
  const written = await writeSimulation(simulation, dir);
  const stages = await bindStages({
    sitePath: written.site,
    allowedLatenessMs: 60_000,
    stateBounds: { maxEntriesPerRule: 100_000, ttlMs: 86_400_000 },
  });
  const missingFormats = new Set<string>();
  const result = await replay({
    inputs: [written.records_dir],
    stages,
    onDeadLetter: (dead) => {
      if (dead.code === "unknown_format" && /no normaliser/.test(dead.reason))
        missingFormats.add(path.basename(dead.provenance.file ?? ""));
    },
  });
  const incidents = result.incidents.map(toIncidentView);
  return {
    simulation,
    written,
    incidents,
    card: scoreIncidents(simulation.truth, incidents),
    missingFormats,
    deadLetters: result.summary.deadLettersByCode,
  };
}
