// Eager kinds (`match`): their incidents come out of process() when the event arrives, not an allowed
// lateness later; windowed kinds still wait for the watermark; snapshots remember what eager rules saw.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { CompiledRule } from "../../detections/language/compile-rule.ts";
import type { Incident } from "../../detections/shared/incident.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { createEngine, type Engine } from "./engine.ts";
import { builtInPack } from "./fixtures/pack.ts";
import { intrusionScenario } from "./fixtures/scenario.ts";

let rules: CompiledRule[];
beforeAll(async () => {
  rules = await builtInPack();
});

const LATENESS = 86_400_000;
const newEngine = (eager?: boolean) =>
  createEngine({
    rules,
    allowedLatenessMs: LATENESS,
    stateBounds: { maxEntriesPerRule: 10_000, ttlMs: 86_400_000 },
    ...(eager === undefined ? {} : { eager }),
  });

/** Incidents by id, noting for each whether it first came out of process() (on arrival) or flush(). */
function feed(engine: Engine, events: CanonicalEvent[]) {
  const onArrival = new Map<string, Incident>();
  const final = new Map<string, Incident>();
  for (const e of events)
    for (const inc of engine.process(e).incidents) {
      if (!final.has(inc.id)) onArrival.set(inc.id, inc);
      final.set(inc.id, inc);
    }
  for (const inc of engine.flush().incidents) final.set(inc.id, inc);
  return { onArrival, final };
}

const byId = (m: Map<string, Incident>) => [...m.values()].sort((a, b) => a.id.localeCompare(b.id));

describe("eager match rules", () => {
  it("open match incidents when the event arrives; other kinds wait for the watermark", () => {
    // The whole scenario lies within the lateness, so without eager rules nothing comes out before flush().
    const strict = feed(newEngine(false), intrusionScenario());
    expect(strict.onArrival.size).toBe(0);
    const eager = feed(newEngine(), intrusionScenario());
    const early = byId(eager.onArrival);
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((i) => i.rule.kind === "match")).toBe(true);
    const matchIds = byId(strict.final)
      .filter((i) => i.rule.kind === "match")
      .map((i) => i.id);
    expect(early.map((i) => i.id)).toEqual(matchIds);
    // In event-time order (this scenario) the same incidents as the strict engine's. A signal of an incident
    // opened on arrival waits in the reorder buffer among the events of its time (content order), so evidence
    // of equal time may be listed in another order than when the signal follows its event's release.
    const summary = (m: Map<string, Incident>) => byId(m).map((i) => [i.id, i.count, i.severity, i.path.length]);
    expect(summary(eager.final)).toEqual(summary(strict.final));
    expect(byId(eager.final).some((i) => i.rule.kind === "risk")).toBe(true);
  });

  it("give identical incidents for random arrival orders within the lateness (property)", () => {
    const events = intrusionScenario();
    const expected = byId(feed(newEngine(), events).final);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 600_000 }), { minLength: events.length, maxLength: events.length }),
        (delays) => {
          const order = events
            .map((e, i) => ({ e, at: Date.parse(e["@timestamp"]) + delays[i]!, i }))
            .sort((a, b) => a.at - b.at || a.i - b.i)
            .map((x) => x.e);
          expect(byId(feed(newEngine(), order).final)).toEqual(expected);
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });

  it("do not see an event twice after a snapshot taken while it waited in the reorder buffer", () => {
    const events = intrusionScenario();
    const expected = feed(newEngine(), events).final;
    const half = Math.floor(events.length / 2);
    const a = newEngine();
    const got = new Map<string, Incident>();
    for (const e of events.slice(0, half)) for (const inc of a.process(e).incidents) got.set(inc.id, inc);
    const snapshot = JSON.parse(JSON.stringify(a.snapshot()));
    expect(snapshot.partitions["0"].buffer.some((b: { eager?: boolean }) => b.eager)).toBe(true);
    const b = newEngine();
    b.restore(snapshot);
    for (const [id, inc] of feed(b, events.slice(half)).final) got.set(id, inc);
    expect(byId(got).map((i) => [i.id, i.count])).toEqual(byId(expected).map((i) => [i.id, i.count]));
  });

  it("do not evaluate late or duplicate events", () => {
    const engine = newEngine();
    const events = intrusionScenario();
    const first = feed(engine, events).final;
    // Everything again: behind the watermark (late) after flush, so nothing is opened or counted twice.
    for (const e of events) expect(engine.process(e).incidents).toEqual([]);
    expect(byId(first).every((i) => i.count >= 1)).toBe(true);
    const fresh = newEngine();
    const twice = new Map<string, Incident>();
    for (const e of [...events, ...events]) for (const inc of fresh.process(e).incidents) twice.set(inc.id, inc);
    for (const inc of fresh.flush().incidents) twice.set(inc.id, inc);
    expect(byId(twice)).toEqual(byId(first));
  });
});

describe("suppression with eager rules", () => {
  it("gives the strict engine's incidents when a suppression group's events arrive in any order (property)", () => {
    const trigger = intrusionScenario().find((e) => feed(newEngine(), [e]).onArrival.size > 0)!;
    const start = Date.parse(trigger["@timestamp"]);
    // Repeats of one group over three hours: several per fixed window, some across window boundaries.
    const events = [0, 4, 9, 50, 61, 75, 118, 125, 170].map((minute) => ({
      ...trigger,
      "@timestamp": new Date(start + minute * 60_000).toISOString(),
    }));
    const strict = byId(feed(newEngine(false), events).final);
    expect(strict.filter((i) => i.rule.kind === "match").length).toBeGreaterThan(1);
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (order) => {
        const eager = feed(newEngine(), order);
        expect(eager.onArrival.size).toBeGreaterThan(0);
        const got = byId(eager.final);
        // The match incidents are exactly the strict engine's (fixed suppression windows, order-free merge).
        expect(got.filter((i) => i.rule.kind === "match")).toEqual(strict.filter((i) => i.rule.kind === "match"));
        // A match incident's risk signal carries the time of the first of its events to ARRIVE, so the risk
        // incident it feeds may cite other evidence; it is still the same incident with the same count.
        expect(got.map((i) => [i.id, i.count, i.first_seen])).toEqual(strict.map((i) => [i.id, i.count, i.first_seen]));
      }),
      { numRuns: 30, seed: 11 },
    );
  });
});

describe("derived events over many calls", () => {
  it("applies every signal in one process, however many calls produced them", () => {
    const engine = newEngine();
    const scenario = intrusionScenario();
    const trigger = scenario.find((e) => feed(newEngine(), [e]).onArrival.size > 0)!;
    const start = Date.parse(trigger["@timestamp"]);
    let returned = 0;
    for (let i = 0; i < 1500; i++) {
      const e = { ...trigger, "@timestamp": new Date(start + i * 86_400_000).toISOString() };
      returned += engine.process(e).derived.length;
    }
    returned += engine.flush().derived.length;
    expect(returned).toBeGreaterThan(1000);
    // Single-process mode applies each derived event itself: all of them, not the first call budget's worth.
    expect(engine.metrics().derivedEvents).toBe(returned);
  });
});
