import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { CompiledRule } from "../../detections/language/compile-rule.ts";
import type { Incident } from "../../detections/shared/incident.ts";
import { Incident as IncidentSchema } from "../../detections/shared/incident.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { createEngine, type Engine } from "./engine.ts";
import { builtInPack } from "./fixtures/pack.ts";
import { intrusionScenario } from "./fixtures/scenario.ts";
import { routingKeys } from "./routing.ts";

let rules: CompiledRule[];
beforeAll(async () => {
  rules = await builtInPack();
});

const LATENESS = 120_000;
const newEngine = (lateness = LATENESS, maxEntriesPerRule = 10_000) =>
  createEngine({ rules, allowedLatenessMs: lateness, stateBounds: { maxEntriesPerRule, ttlMs: 86_400_000 } });

/** Feeds events, flushes, returns the final document of every incident by id. */
function run(engine: Engine, events: CanonicalEvent[]): Map<string, Incident> {
  const out = new Map<string, Incident>();
  for (const e of events) for (const inc of engine.process(e).incidents) out.set(inc.id, inc);
  for (const inc of engine.flush().incidents) out.set(inc.id, inc);
  return out;
}

const sorted = (m: Map<string, Incident>) => [...m.values()].sort((a, b) => a.id.localeCompare(b.id));

describe("engine over the built-in pack", () => {
  it("detects the intrusion scenario with valid incident documents", () => {
    const incidents = sorted(run(newEngine(), intrusionScenario()));
    const ruleIds = new Set(incidents.map((i) => i.rule.id));
    for (const id of ["GW-0401", "GW-0402", "GW-0404", "GW-0204", "GW-0207", "GW-0302"]) expect(ruleIds).toContain(id);
    for (const inc of incidents) expect(IncidentSchema.safeParse(inc).success).toBe(true);
    const pivot = incidents.find((i) => i.rule.id === "GW-0402")!;
    expect(pivot.key).toBe("h-laptop");
    expect(pivot.path.map((h) => h.host.id ?? h.host.ip)).toEqual(["h-laptop", "h-jump", "h-ews", "10.60.0.12"]);
  });

  it("gives the same ids and documents when the same events are fed again", () => {
    const first = sorted(run(newEngine(), intrusionScenario()));
    const second = sorted(run(newEngine(), intrusionScenario()));
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it("feeding the same events twice into one engine (redelivery) changes no incident", () => {
    const events = intrusionScenario();
    const once = sorted(run(newEngine(), events));
    const engine = newEngine();
    const got = new Map<string, Incident>();
    for (const e of [...events, ...events]) for (const inc of engine.process(e).incidents) got.set(inc.id, inc);
    for (const inc of engine.flush().incidents) got.set(inc.id, inc);
    expect(sorted(got)).toEqual(once);
    const m = engine.metrics();
    expect(m.lateEvents + m.duplicateEvents).toBe(events.length);
  });

  it("gives identical incidents for random interleavings within the allowed lateness (property)", () => {
    const events = intrusionScenario();
    const expected = sorted(run(newEngine(), events));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: LATENESS }), { minLength: events.length, maxLength: events.length }),
        (delays) => {
          // Delivery time = event time + a delay within the lateness: no event can arrive behind the watermark.
          const order = events
            .map((e, i) => ({ e, at: Date.parse(e["@timestamp"]) + delays[i]!, i }))
            .sort((a, b) => a.at - b.at || a.i - b.i)
            .map((x) => x.e);
          const engine = newEngine();
          const got = sorted(run(engine, order));
          expect(engine.metrics().lateEvents).toBe(0);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 40, seed: 42 },
    );
  });

  it("restores a snapshot mid-stream and continues exactly like an uninterrupted engine", () => {
    const events = intrusionScenario();
    const expected = run(newEngine(), events);
    const half = Math.floor(events.length / 2);
    const a = newEngine();
    const got = new Map<string, Incident>();
    for (const e of events.slice(0, half)) for (const inc of a.process(e).incidents) got.set(inc.id, inc);
    const snapshot = JSON.parse(JSON.stringify(a.snapshot()));
    const b = newEngine();
    b.restore(snapshot);
    for (const [id, inc] of run(b, events.slice(half))) got.set(id, inc);
    expect(sorted(got)).toEqual(sorted(expected));
  });

  it("scale-out: routing each event by key to partitions gives the same incidents as one process", () => {
    const events = intrusionScenario();
    const expected = run(newEngine(0), events);
    const engine = newEngine(0);
    const partitionOf = (key: string) => [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 4;
    const got = new Map<string, Incident>();
    const queue = [...events];
    while (queue.length > 0) {
      const e = queue.shift()!;
      for (const key of routingKeys(engine, e)) {
        const out = engine.process(e, partitionOf(key), { key });
        for (const inc of out.incidents) got.set(inc.id, inc);
        queue.unshift(...out.derived);
      }
    }
    for (const inc of engine.flush().incidents) got.set(inc.id, inc);
    expect(sorted(got).map((i) => [i.id, i.count])).toEqual(sorted(expected).map((i) => [i.id, i.count]));
  });

  it("counts a forged derived event that breaks a rule and keeps going", () => {
    const engine = newEngine(0);
    const forged = {
      ...intrusionScenario()[0]!,
      event: { kind: "signal" as const, category: ["network"], dataset: "gapwatch.path" },
    };
    engine.process({
      ...forged,
      labels: { gapwatch_rule: "GW-0402", gapwatch_key: "h-x", gapwatch_path: "{not json" },
    });
    // Derived events wait in the reorder buffer like any other until the watermark passes their time.
    expect(engine.metrics().rules["GW-0402"]!.errors).toBe(0);
    engine.advanceWatermark(0, Date.parse(forged["@timestamp"]));
    expect(engine.metrics().rules["GW-0402"]!.errors).toBe(1);
    expect(run(engine, intrusionScenario()).size).toBeGreaterThan(0);
  });

  it("counts late events and does not evaluate them", () => {
    const engine = newEngine(60_000);
    const events = intrusionScenario();
    engine.process(events[events.length - 1]!);
    const out = engine.process(events[0]!);
    expect(out.late).toBe(true);
    expect(engine.metrics().lateEvents).toBe(1);
  });

  it("keeps state within maxEntriesPerRule and counts every eviction", () => {
    const engine = newEngine(0, 100);
    const template = intrusionScenario().find((e) => e.ot?.action === "write")!;
    for (let i = 0; i < 1000; i++) {
      engine.process({ ...template, source: { ip: `10.20.${i >> 8}.${i & 255}` } });
    }
    const m = engine.metrics();
    expect(m.rules["GW-0204"]!.entries).toBeLessThanOrEqual(100);
    expect(m.rules["GW-0204"]!.evictions).toBe(900);
  });

  it("expires idle state after the event-time TTL and counts it", () => {
    const engine = createEngine({
      rules,
      allowedLatenessMs: 0,
      stateBounds: { maxEntriesPerRule: 1000, ttlMs: 60_000 },
    });
    const write = intrusionScenario().find((e) => e.ot?.action === "write")!;
    const at = (ms: number) => ({
      ...write,
      "@timestamp": new Date(Date.parse(write["@timestamp"]) + ms).toISOString(),
    });
    engine.process(at(0));
    engine.process(at(120_000));
    expect(engine.metrics().rules["GW-0204"]!.expirations).toBe(1);
  });

  it("snapshots only the requested partitions", () => {
    const engine = newEngine(0);
    const events = intrusionScenario();
    for (const [i, e] of events.entries()) engine.process(e, i % 2);
    const snap = engine.snapshot([1]);
    expect(Object.keys(snap.partitions)).toEqual(["1"]);
    for (const rule of Object.values(snap.rules)) for (const [, slot] of rule.slots) expect(slot.p).toBe(1);
    engine.dropPartitions([1]);
    const after = engine.snapshot();
    expect(Object.keys(after.partitions)).toEqual(["0"]);
    for (const rule of Object.values(after.rules)) for (const [, slot] of rule.slots) expect(slot.p).toBe(0);
    expect(engine.metrics().evictions).toBe(0);
  });

  it("emits detection signals that feed risk rules, and none for risk incidents", () => {
    const engine = newEngine();
    const derived: CanonicalEvent[] = [];
    for (const e of intrusionScenario()) derived.push(...engine.process(e).derived);
    derived.push(...engine.flush().derived);
    const signals = derived.filter((e) => e.event.dataset === "gapwatch.signal");
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.some((s) => s.rule?.id === "GW-0404")).toBe(false);
    expect(signals.every((s) => s.host?.id)).toBe(true);
  });
});
