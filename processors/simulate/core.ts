// The simulator core: config + seed in, plant + raw records (in delivery order) + ground truth out. Pure:
// no clock, no I/O, no environment; the same config gives the same output. Records come in time slices so
// a benchmark can stream millions of them without holding them all in memory.
import { itBackground } from "./background-it.ts";
import { otBackground } from "./background-ot.ts";
import type { SimulateConfig } from "./config.ts";
import { createEmitter } from "./emitter.ts";
import { buildPlant, indexPlant, type Plant } from "./plant.ts";
import { createRandom } from "./random.ts";
import { byEmitTime, iso, type SimRecord } from "./record.ts";
import { scenarios } from "./scenarios/index.ts";
import type { ChainTruth } from "./truth.ts";

export interface Simulation {
  config: SimulateConfig;
  plant: Plant;
  startMs: number;
  endMs: number;
  truth: ChainTruth[];
  /** Records in delivery order, one slice of simulated time at a time. */
  batches(sliceMinutes?: number): Generator<SimRecord[]>;
}

export function createSimulation(config: SimulateConfig): Simulation {
  const random = createRandom(config.seed);
  const plant = buildPlant(config, random.fork("plant"));
  const index = indexPlant(plant);
  const startMs = Date.parse(config.start);
  const endMs = startMs + config.durationMinutes * 60_000;
  const attackRecords: SimRecord[] = [];
  const truth: ChainTruth[] = config.scenarios.map((name, i) => {
    const scenario = scenarios[name];
    const chain = `${name}#${i + 1}`;
    const emitter = createEmitter(index, random.fork(`scenario/${chain}`));
    const t0 = startMs + (config.firstScenarioAtMinutes + i * config.scenarioSpacingMinutes) * 60_000;
    const run = scenario.inject(emitter, t0, chain);
    attackRecords.push(...emitter.records);
    const times = emitter.records.map((r) => r.time);
    return {
      chain,
      scenario: name,
      title: scenario.title,
      references: scenario.references,
      techniques: scenario.techniques,
      requiredTechniques: scenario.requiredTechniques,
      expectedRules: scenario.expectedRules,
      entities: run.entities,
      startedAt: iso(Math.min(...times)),
      lastEventAt: iso(run.lastEventAt),
      endedAt: iso(Math.max(run.endedAt, ...times)),
      recordCount: emitter.records.length,
      detectableAt: iso(run.detectableAt),
      triggerRecordCount: emitter.records.filter((r) => r.time <= run.detectableAt).length,
      topics: [...new Set(emitter.records.map((r) => r.topic))].sort(),
    };
  });
  attackRecords.sort(byEmitTime);

  function* batches(sliceMinutes = 10): Generator<SimRecord[]> {
    const sliceMs = sliceMinutes * 60_000;
    let pending: SimRecord[] = [];
    let attackIndex = 0;
    for (let from = startMs, slice = 0; from < endMs; from += sliceMs, slice++) {
      const to = Math.min(from + sliceMs, endMs);
      const emitter = createEmitter(index, random.fork(`background/${slice}`));
      itBackground(emitter, from, to, config.traffic);
      otBackground(emitter, from, to, config.traffic);
      const last = to >= endMs;
      const combined = pending.concat(emitter.records);
      const ready = last ? combined : combined.filter((r) => r.emitAt < to);
      pending = last ? [] : combined.filter((r) => r.emitAt >= to);
      while (attackIndex < attackRecords.length && (last || attackRecords[attackIndex]!.emitAt < to))
        ready.push(attackRecords[attackIndex++]!);
      ready.sort(byEmitTime);
      yield ready;
    }
  }

  return { config, plant, startMs, endMs, truth, batches };
}

/** Every record of a simulation in delivery order (small simulations: tests, the demo). */
export function simulateAll(simulation: Simulation): SimRecord[] {
  const out: SimRecord[] = [];
  for (const batch of simulation.batches()) out.push(...batch);
  return out;
}
