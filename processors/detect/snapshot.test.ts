import { beforeAll, describe, expect, it } from "vitest";
import type { CompiledRule } from "../../detections/language/compile-rule.ts";
import type { Incident } from "../../detections/shared/incident.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { StateError } from "../runtime/errors.ts";
import { createEngine, type Engine } from "./engine.ts";
import { builtInPack } from "./fixtures/pack.ts";
import { intrusionScenario } from "./fixtures/scenario.ts";
import type { EngineSnapshot } from "./snapshot.ts";

let rules: CompiledRule[];
beforeAll(async () => {
  rules = await builtInPack();
});
const newEngine = () =>
  createEngine({ rules, allowedLatenessMs: 120_000, stateBounds: { maxEntriesPerRule: 10_000, ttlMs: 86_400_000 } });

function feed(engine: Engine, events: CanonicalEvent[], out = new Map<string, Incident>()): Map<string, Incident> {
  for (const e of events) for (const inc of engine.process(e).incidents) out.set(inc.id, inc);
  return out;
}
const sorted = (m: Map<string, Incident>) => [...m.values()].sort((a, b) => a.id.localeCompare(b.id));

/** Rewrites kind state into the version 1 layout: evidence samples as objects, risk contributions as tuples. */
function asVersion1(snap: EngineSnapshot): EngineSnapshot {
  const copy = JSON.parse(JSON.stringify(snap)) as EngineSnapshot;
  copy.version = 1;
  for (const rule of Object.values(copy.rules)) {
    for (const [, slot] of rule.slots) {
      const s = slot.s as { sample?: unknown[]; items?: unknown[]; last?: string; terms?: unknown } | null;
      if (!s || typeof s !== "object") continue;
      if (s.sample) s.sample = s.sample.map((e) => (typeof e === "string" ? JSON.parse(e) : e));
      if (s.items && s.items.length > 0 && !Array.isArray(s.items[0])) {
        const tuples: unknown[] = [];
        for (let i = 0; i < s.items.length; i += 5) tuples.push(s.items.slice(i, i + 5));
        s.items = tuples;
      }
      if (s.terms) delete s.last;
    }
  }
  return copy;
}

describe("engine snapshots across versions", () => {
  it("restores a version 1 snapshot (object evidence, tuple risk state) and continues identically", () => {
    const events = intrusionScenario();
    const whole = newEngine();
    const expected = feed(whole, events);
    for (const inc of whole.flush().incidents) expected.set(inc.id, inc);
    let converted = 0;
    for (const cut of [0.3, 0.5, 0.7].map((f) => Math.floor(events.length * f))) {
      const source = newEngine();
      const got = feed(source, events.slice(0, cut));
      const snap = source.snapshot();
      expect(snap.version).toBe(2);
      const old = asVersion1(snap);
      converted += JSON.stringify(old).length - JSON.stringify(snap).length === 0 ? 0 : 1;
      const b = newEngine();
      b.restore(old);
      feed(b, events.slice(cut), got);
      for (const inc of b.flush().incidents) got.set(inc.id, inc);
      expect(sorted(got), `cut at ${cut}`).toEqual(sorted(expected));
    }
    expect(converted).toBeGreaterThan(0);
  });

  it("rejects an unknown snapshot version with a StateError", () => {
    const snap = { ...newEngine().snapshot(), version: 99 };
    expect(() => newEngine().restore(snap)).toThrow(StateError);
    expect(() => newEngine().restore(snap)).toThrow(/version 99/);
  });
});
