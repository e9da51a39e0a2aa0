// Detection engine figures.
// - Throughput: the engine alone with the built-in pack on pre-normalised events (steady plant load, 5 s
//   lateness, so every event goes through the reorder buffer), best of rounds after a warm-up round.
// - Pass-through baseline, measured on the same events in the same run: parse @timestamp and read every field
//   the pack's rules refer to (conditions, keys, fields) once per event, the floor any engine pays to look at
//   the events. engine_vs_passthrough_ratio = engine / baseline (the cost of evaluating 19 rules with state).
// - Memory: bytes of heap per tracked entity with 1,000,000 distinct entities (one new Modbus source per event;
//   two rules keep state per entity), measured in a child `node --expose-gc` process as heap used after forced
//   GCs, minus the same before any event (the child holds nothing else). Then entries and evictions with a
//   bound of a quarter of the entities: the state stays within the bound and every eviction is counted.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CompiledRule } from "../detections/language/compile-rule.ts";
import { compileField, type FieldGetter } from "../detections/language/field-path.ts";
import { loadRules } from "../detections/language/load-rules.ts";
import type { CanonicalEvent } from "../mappings/schema/canonical-event.ts";
import { createEngine } from "../processors/detect/engine.ts";
import { distinctEntityEvent, steadyLoad } from "../processors/detect/fixtures/load.ts";

type Figures = Record<string, number | string | boolean>;
const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD_FLAG = "--engine-memory-child";

async function pack(): Promise<CompiledRule[]> {
  const { rules, issues } = await loadRules(path.join(here, "../detections/rules"));
  if (issues.length > 0) throw new Error(`rule pack does not load: ${issues.length} issue(s)`);
  return rules;
}

/** Every field path the rules name: `field:` of conditions, `by`/`group_by` keys (alternatives split), fields. */
function fieldsOf(rules: readonly CompiledRule[]): string[] {
  const out = new Set<string>();
  const walk = (node: unknown, key?: string): void => {
    if (typeof node === "string") {
      if (key && /^(field|by|group_by|fields|from|to|cap_by)$/.test(key)) for (const f of node.split("|")) out.add(f);
    } else if (Array.isArray(node)) for (const item of node) walk(item, key);
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  for (const rule of rules) walk([rule.params, rule.common.exceptions]);
  return [...out].filter((f) => /^@?[a-z0-9_]+(\.[a-z0-9_]+)*$/.test(f));
}

function rate(events: readonly CanonicalEvent[], handle: (e: CanonicalEvent) => number): number {
  const started = performance.now();
  let sink = 0;
  for (const e of events) sink += handle(e);
  const seconds = (performance.now() - started) / 1000;
  if (sink < 0) throw new Error("unreachable");
  return events.length / seconds;
}

/** Runs in the child process (node --expose-gc): heap bytes per tracked entity. */
async function memoryChild(entities: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("memory child needs node --expose-gc");
  const rules = await pack();
  const heapUsed = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const engine = createEngine({
    rules,
    allowedLatenessMs: 0,
    stateBounds: { maxEntriesPerRule: entities, ttlMs: 86_400_000 },
  });
  const before = heapUsed();
  for (let i = 0; i < entities; i++) engine.process(distinctEntityEvent(i));
  const after = heapUsed();
  const m = engine.metrics();
  process.stdout.write(
    `${JSON.stringify({ bytes: after - before, entries: m.stateEntries, evictions: m.evictions })}\n`,
  );
}

function measureMemory(entities: number): { bytes: number; entries: number; evictions: number } {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), CHILD_FLAG, String(entities)],
    { cwd: path.join(here, ".."), encoding: "utf8", maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split("\n").pop()!);
}

export async function run(o: { quick: boolean }): Promise<Figures> {
  const rules = await pack();
  const events = steadyLoad(o.quick ? 60_000 : 400_000);
  const bounds = { maxEntriesPerRule: 100_000, ttlMs: 3_600_000 };
  const getters: FieldGetter[] = fieldsOf(rules).map(compileField);

  // Round 0 warms the JIT on both sides; then each side is measured on the same events, best of rounds.
  const rounds = o.quick ? 3 : 4;
  let engineRate = 0;
  let passRate = 0;
  let incidents = 0;
  for (let r = 0; r < rounds; r++) {
    const pass = rate(events, (e) => {
      let n = Date.parse(e["@timestamp"]) > 0 ? 1 : 0;
      for (const get of getters) n += get(e).length;
      return n;
    });
    const engine = createEngine({ rules, allowedLatenessMs: 5_000, stateBounds: bounds });
    let found = 0;
    const engineR = rate(events, (e) => {
      const n = engine.process(e).incidents.length;
      found += n;
      return n;
    });
    found += engine.flush().incidents.length;
    if (r === 0) continue;
    incidents = found;
    passRate = Math.max(passRate, pass);
    engineRate = Math.max(engineRate, engineR);
  }

  const entities = o.quick ? 200_000 : 1_000_000;
  const memory = measureMemory(entities);

  const bound = Math.floor(entities / 4);
  const bounded = createEngine({
    rules,
    allowedLatenessMs: 0,
    stateBounds: { maxEntriesPerRule: bound, ttlMs: 86_400_000 },
  });
  for (let i = 0; i < entities; i++) bounded.process(distinctEntityEvent(i));
  const m = bounded.metrics();
  const maxEntries = Math.max(...Object.values(m.rules).map((r) => r.entries));
  const expired = Object.values(m.rules).reduce((n, r) => n + r.expirations, 0);

  return {
    engine_rules: rules.length,
    engine_events: events.length,
    engine_events_per_s: Math.round(engineRate),
    engine_passthrough_fields_read: getters.length,
    engine_passthrough_events_per_s: Math.round(passRate),
    engine_vs_passthrough_ratio: Number((engineRate / passRate).toFixed(4)),
    engine_incidents_in_load: incidents,
    engine_memory_entities: entities,
    engine_state_entries_at_1m: memory.entries,
    // Small synthetic events and two stateful rules: the engine's own overhead. The headline
    // state_bytes_per_entity is the pipeline's (enriched events, whole pack), in pipeline.bench.ts.
    engine_state_bytes_per_entity: Math.round(memory.bytes / entities),
    engine_state_bound_per_rule: bound,
    engine_state_max_entries_per_rule_bounded: maxEntries,
    engine_state_within_bound: maxEntries <= bound,
    engine_evictions_at_1m: m.evictions,
    // Every key the unbounded run tracked is either still held or was evicted/expired (counted) in the bounded one.
    engine_evictions_accounted: m.stateEntries + m.evictions + expired === memory.entries,
  };
}

if (process.argv[2] === CHILD_FLAG) await memoryChild(Number(process.argv[3]));
