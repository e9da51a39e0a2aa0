// Detection engine figures: throughput of the engine alone with the built-in pack on pre-normalised events
// (and the ratio to a pass-through of the same events in the same run), and memory with 1,000,000 distinct
// entities: bytes of state per entity with an unbounded-enough store, then entries and evictions with a
// bound of a quarter of the entities (state stays within the bound; every eviction is counted).
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import { loadRules } from "../detections/language/load-rules.ts";
import type { CanonicalEvent } from "../mappings/schema/canonical-event.ts";
import { createEngine } from "../processors/detect/engine.ts";
import { distinctEntityEvent, steadyLoad } from "../processors/detect/fixtures/load.ts";

type Figures = Record<string, number | string | boolean>;
const here = path.dirname(fileURLToPath(import.meta.url));

v8.setFlagsFromString("--expose_gc");
const gc = vm.runInNewContext("gc") as () => void;

function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function rate(events: readonly CanonicalEvent[], handle: (e: CanonicalEvent) => unknown): number {
  const started = performance.now();
  let sink = 0;
  for (const e of events) if (handle(e) !== undefined) sink++;
  const seconds = (performance.now() - started) / 1000;
  if (sink < 0) throw new Error("unreachable");
  return events.length / seconds;
}

export async function run(o: { quick: boolean }): Promise<Figures> {
  const { rules, issues } = await loadRules(path.join(here, "../detections/rules"));
  if (issues.length > 0) throw new Error(`rule pack does not load: ${issues.length} issue(s)`);
  const events = steadyLoad(o.quick ? 60_000 : 400_000);
  const bounds = { maxEntriesPerRule: 100_000, ttlMs: 3_600_000 };

  // Warm-up (JIT) on a slice, then measure each side on the same events, best of rounds.
  const rounds = o.quick ? 2 : 3;
  let engineRate = 0;
  let passRate = 0;
  let incidents = 0;
  for (let r = 0; r < rounds; r++) {
    const seen: CanonicalEvent[] = [];
    passRate = Math.max(
      passRate,
      rate(events, (e) => (Date.parse(e["@timestamp"]) > 0 ? seen.push(e) : undefined)),
    );
    const engine = createEngine({ rules, allowedLatenessMs: 5_000, stateBounds: bounds });
    incidents = 0;
    engineRate = Math.max(
      engineRate,
      rate(events, (e) => (incidents += engine.process(e).incidents.length)),
    );
    engine.flush();
  }

  const entities = o.quick ? 200_000 : 1_000_000;
  const memory = createEngine({
    rules,
    allowedLatenessMs: 0,
    stateBounds: { maxEntriesPerRule: entities, ttlMs: 86_400_000 },
  });
  const before = heapUsed();
  for (let i = 0; i < entities; i++) memory.process(distinctEntityEvent(i));
  const after = heapUsed();
  const unbounded = memory.metrics();

  const bound = Math.floor(entities / 4);
  const bounded = createEngine({
    rules,
    allowedLatenessMs: 0,
    stateBounds: { maxEntriesPerRule: bound, ttlMs: 86_400_000 },
  });
  for (let i = 0; i < entities; i++) bounded.process(distinctEntityEvent(i));
  const m = bounded.metrics();
  const maxEntries = Math.max(...Object.values(m.rules).map((r) => r.entries));

  return {
    engine_rules: rules.length,
    engine_events: events.length,
    engine_events_per_s: Math.round(engineRate),
    engine_passthrough_events_per_s: Math.round(passRate),
    engine_vs_passthrough_ratio: Number((engineRate / passRate).toFixed(4)),
    engine_incidents_in_load: incidents,
    engine_memory_entities: entities,
    engine_state_entries_at_1m: unbounded.stateEntries,
    state_bytes_per_entity: Math.round((after - before) / entities),
    engine_state_bound_per_rule: bound,
    engine_state_max_entries_per_rule_bounded: maxEntries,
    engine_state_within_bound: maxEntries <= bound,
    engine_evictions_at_1m: m.evictions,
  };
}
