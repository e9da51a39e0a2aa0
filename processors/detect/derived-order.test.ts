// Derived events (path hops, detection signals) obey event time like every other event, and windowed kinds
// give the same incidents whatever the watermark cadence (a replay's single watermark, run's per-partition
// ones). The rules are the path and risk kind fixtures, with a risk contribution for detection signals.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type CompiledRule, compileRule } from "../../detections/language/compile-rule.ts";
import type { Incident } from "../../detections/shared/incident.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { createEngine, type Engine } from "./engine.ts";

const kinds = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../detections/kinds");
const BASE = Date.parse("2026-03-01T00:00:00Z");
const MIN = 60_000;

interface Fixture {
  rule: Record<string, unknown>;
  templates: Record<string, Record<string, unknown>>;
}
const fixture = (kind: string): Fixture =>
  parse(readFileSync(path.join(kinds, kind, "fixtures", `${kind}.cases.yaml`), "utf8")) as Fixture;

function compile(raw: Record<string, unknown>): CompiledRule {
  const { rule, issues } = compileRule(raw, { file: "test", ruleset: "test" });
  expect(issues).toEqual([]);
  return rule!;
}

const pathFixture = fixture("path");
const pathRule = () => compile(pathFixture.rule);
/** The risk fixture rule, crediting detection signals too (risk-based alerting on the path incident). */
function riskRule(): CompiledRule {
  const raw = structuredClone(fixture("risk").rule) as { risk: { contributions: unknown[]; window: string } };
  raw.risk.window = "20m";
  raw.risk.contributions.push({
    name: "signal",
    where: { field: "event.dataset", equals: "gapwatch.signal" },
    by: ["host.id"],
    score: { field: "event.risk_score", default: 50 },
    cap: 100,
  });
  return compile(raw as unknown as Record<string, unknown>);
}

function merge(base: unknown, over: unknown): unknown {
  if (typeof base !== "object" || base === null || Array.isArray(base) || typeof over !== "object" || !over)
    return over ?? base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
  return out;
}

function ev(use: string, minutes: number, over: Record<string, unknown> = {}): CanonicalEvent {
  const defaults = {
    event: { kind: "event", category: ["network"], dataset: "case" },
    observer: { type: "ot-sensor" },
    gapwatch: { schema_version: "1", provenance: { format: "case", schema: "test", file: "test", line: minutes } },
  };
  const event = merge(merge(defaults, pathFixture.templates[use]), over) as CanonicalEvent;
  return { ...event, "@timestamp": new Date(BASE + minutes * MIN).toISOString() };
}

/** The pivot laptop -> jump host -> EWS -> PLC, then a later alert on the laptop. */
const chain = () => [ev("alert", 0), ev("logon_jump", 10), ev("rdp_ews", 20), ev("download", 30)];

type Cadence = "every-event" | "end-only";

/** Runs events through one engine; keyed mode routes every event and derived event by routingKeys and
 * feeds derived events back (as replay and run do); single-process mode lets the engine apply them. */
function run(engine: Engine, events: CanonicalEvent[], keyed: boolean, cadence: Cadence): Incident[] {
  const out = new Map<string, Incident>();
  const take = (r: { incidents: Incident[]; derived: CanonicalEvent[] }) => {
    for (const inc of r.incidents) out.set(inc.id, inc);
    if (!keyed) return;
    const queue = [...r.derived];
    for (let d = queue.shift(); d; d = queue.shift()) {
      for (const key of engine.routingKeys(d)) {
        const more = engine.process(d, 0, { key });
        for (const inc of more.incidents) out.set(inc.id, inc);
        queue.push(...more.derived);
      }
    }
  };
  for (const e of events) {
    if (keyed) for (const key of engine.routingKeys(e)) take(engine.process(e, 0, { key }));
    else take(engine.process(e));
    if (cadence === "every-event") take(engine.advanceWatermark(0, Date.parse(e["@timestamp"])));
  }
  take(engine.flush());
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

const engineOf = (rules: CompiledRule[], allowedLatenessMs: number) =>
  createEngine({ rules, allowedLatenessMs, stateBounds: { maxEntriesPerRule: 1000, ttlMs: 86_400_000 } });

describe("derived events in event-time order", () => {
  for (const keyed of [false, true]) {
    const mode = keyed ? "keyed" : "single-process";
    it(`finds the pivot when hops and the next host's actions are released together (${mode}, 1 h lateness)`, () => {
      for (const lateness of [60_000, 3_600_000]) {
        const incidents = run(engineOf([pathRule()], lateness), chain(), keyed, "end-only");
        expect(incidents.map((i) => i.path.map((h) => h.host.id ?? h.host.ip))).toEqual([
          ["h-laptop", "h-jump", "h-ews", "10.60.0.11"],
        ]);
      }
    });
  }

  it("applies a derived event at its event time: a hop received before the destination's action", () => {
    // Keyed, one engine: the hop's derived event comes back only after the call that released the hop
    // returns, while the destination's action (10 s later) was released by the same watermark.
    const engine = engineOf([pathRule()], 3_600_000);
    const events = chain();
    const incidents = run(engine, [events[0]!, events[1]!, events[2]!, events[3]!], true, "end-only");
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.key).toBe("h-laptop");
  });
});

describe("windows depend on event times only, not on the watermark cadence", () => {
  // Risk on the laptop: an alert at 0 (40), the pivot's signal at 30 min (95), a second alert at 45 min: with a
  // 20 min window the escalation is the signal plus the second alert, whatever releases them together.
  const events = () => [...chain(), ev("alert", 45, { event: { id: "second" } })];
  for (const keyed of [false, true]) {
    const mode = keyed ? "keyed" : "single-process";
    it(`gives identical incidents advancing the watermark every event or only at the end (${mode})`, () => {
      const every = run(engineOf([pathRule(), riskRule()], 3_600_000), events(), keyed, "every-event");
      const end = run(engineOf([pathRule(), riskRule()], 3_600_000), events(), keyed, "end-only");
      const small = run(engineOf([pathRule(), riskRule()], 60_000), events(), keyed, "end-only");
      expect(every.map((i) => i.rule.id).sort()).toEqual(["GW-9601", "GW-9701"]);
      expect(end).toEqual(every);
      expect(small).toEqual(every);
      const risk = every.find((i) => i.rule.id === "GW-9601")!;
      expect(Date.parse(risk.window_start)).toBe(BASE + 30 * MIN);
    });
  }
});

describe("risk contributions arriving out of event-time order", () => {
  /** The path incident's detection signal (what another partition would route to the laptop's owner). */
  function signalOfPivot(): CanonicalEvent {
    const engine = engineOf([pathRule()], 0);
    const derived = chain().flatMap((e) => engine.process(e).derived);
    const signal = derived.find((d) => d.event.dataset === "gapwatch.signal");
    expect(signal).toBeDefined();
    return signal!;
  }

  it("a signal received after the watermark passed later alerts gives the in-order incident", () => {
    const signal = signalOfPivot();
    const [alert0, alert45] = [ev("alert", 0), ev("alert", 45, { event: { id: "second" } })];
    const feed = (order: CanonicalEvent[], watermarkAfterEach: boolean) => {
      const engine = engineOf([riskRule()], 0);
      const out = new Map<string, Incident>();
      for (const e of order) {
        for (const inc of engine.process(e, 0, { key: "h-laptop" }).incidents) out.set(inc.id, inc);
        if (watermarkAfterEach) engine.advanceWatermark(0, Date.parse(e["@timestamp"]));
      }
      for (const inc of engine.flush().incidents) out.set(inc.id, inc);
      return [...out.values()];
    };
    const inOrder = feed([alert0, signal, alert45], false);
    const late = feed([alert0, alert45, signal], true);
    expect(inOrder).toHaveLength(1);
    expect(Date.parse(inOrder[0]!.window_start)).toBe(BASE + 30 * MIN);
    expect(late).toEqual(inOrder);
  });
});

describe("a carried path arriving after the next host's actions (scale-out: another instance's derived event)", () => {
  // Three instances: the laptop's keys on 0, the jump host's on 1, the EWS's on 2. Derived events between
  // instances are held (the events topic, a loaded machine) and delivered after the receiving partition's
  // watermark passed the next host's onward hop (jump host) and target (EWS): they arrive behind it.
  const OWNER: Record<string, number> = { "h-laptop": 0, "h-jump": 1, "h-ews": 2, "10.50.0.20": 2 };
  const ownerOf = (key: string) => OWNER[key] ?? 0;
  type Delivery = "in-time" | "after-all" | "after-all-reversed";

  function scaledOut(events: CanonicalEvent[], lateness: number, cadence: Cadence, delivery: Delivery) {
    const engines = [0, 1, 2].map(() => engineOf([pathRule()], lateness));
    const out = new Map<string, Incident>();
    let held: { d: CanonicalEvent; key: string }[] = [];
    let behind = 0;
    const take = (from: number, r: { incidents: Incident[]; derived: CanonicalEvent[] }) => {
      for (const inc of r.incidents) out.set(inc.id, inc);
      for (const d of r.derived) {
        for (const key of engines[from]!.routingKeys(d)) {
          if (ownerOf(key) === from) take(from, engines[from]!.process(d, from, { key }));
          else held.push({ d, key });
        }
      }
    };
    const deliver = () => {
      while (held.length > 0) {
        const batch = delivery === "after-all-reversed" ? held.reverse() : held;
        held = [];
        for (const { d, key } of batch) {
          const p = ownerOf(key);
          if (Date.parse(d["@timestamp"]) < (engines[p]!.metrics().watermarks[String(p)] ?? -Infinity)) behind++;
          take(p, engines[p]!.process(d, p, { key }));
        }
      }
    };
    for (const e of events) {
      for (const key of engines[0]!.routingKeys(e)) {
        const p = ownerOf(key);
        take(p, engines[p]!.process(e, p, { key }));
        if (cadence === "every-event") take(p, engines[p]!.advanceWatermark(p, Date.parse(e["@timestamp"])));
      }
      if (delivery === "in-time") deliver();
    }
    for (const [p, engine] of engines.entries()) take(p, engine.flush());
    deliver();
    return { incidents: [...out.values()].sort((a, b) => a.id.localeCompare(b.id)), behind };
  }

  const other = { source: { ip: "10.40.0.99" }, site: { source: { host: { id: "h-other" } } } };
  const scenarios: Record<string, () => CanonicalEvent[]> = {
    "the pivot": chain,
    "repeated targets": () => [...chain(), ev("download", 31)],
    // The EWS was reached earlier by an unrelated session: its target before the pivot's hop stays outside.
    "a target before the hop": () => [
      chain()[0]!,
      ev("rdp_ews", 5, other),
      ...chain().slice(1, 2),
      ev("download", 15),
      ...chain().slice(2),
    ],
    // Reached earlier, the EWS keeps a target at the pivot hop's time, which the engine evaluates before the
    // carried path: not part of it (delivered in time, a copy that arrives while the watermark is exactly at that time is the engine's case).
    "a target at the hop's time": () => [
      chain()[0]!,
      ev("rdp_ews", 5, other),
      ...chain().slice(1, 3),
      ev("download", 20),
      chain()[3]!,
    ],
  };
  for (const [name, events] of Object.entries(scenarios)) {
    it(`gives replay's incidents whatever the cadence and arrival order (${name})`, () => {
      const expected = run(engineOf([pathRule()], 60_000), events(), false, "end-only");
      expect(expected.map((i) => i.count)).toEqual([name === "repeated targets" ? 2 : 1]);
      for (const lateness of [60_000, 3_600_000]) {
        for (const cadence of ["every-event", "end-only"] as const) {
          for (const delivery of ["in-time", "after-all", "after-all-reversed"] as const) {
            if (delivery === "in-time" && name.includes("hop's time")) continue;
            const { incidents, behind } = scaledOut(events(), lateness, cadence, delivery);
            expect(incidents, `${lateness} ${cadence} ${delivery}`).toEqual(expected);
            if (delivery !== "in-time" && cadence === "every-event") expect(behind).toBeGreaterThan(0);
          }
        }
      }
    });
  }

  it("restores a snapshot with a host waiting, and the suspicious state of earlier snapshots", () => {
    const events = chain();
    const keyed = (engine: Engine, upTo: number, key: string, p: number) =>
      events
        .slice(0, upTo)
        .flatMap((e) => (engine.routingKeys(e).includes(key) ? [engine.process(e, p, { key })] : []));
    // The jump host's instance: reached at 10 min, its hop to the EWS (20 min) kept, the carried path not there.
    const jump = engineOf([pathRule()], 0);
    keyed(jump, 3, "h-jump", 1);
    const restored = engineOf([pathRule()], 0);
    restored.restore(JSON.parse(JSON.stringify(jump.snapshot())));
    const laptop = engineOf([pathRule()], 0);
    const carried = keyed(laptop, 2, "h-laptop", 0)
      .flatMap((r) => r.derived)
      .find((d) => d.labels?.gapwatch_key === "h-jump");
    const late = restored.process(carried!, 1, { key: "h-jump" });
    expect(late.derived.map((d) => d.labels?.gapwatch_key).sort()).toEqual(["10.50.0.20", "h-ews"]);
    // A suspicious host's state keeps the layout earlier code wrote ({origin, since, path, evidence}).
    const suspicious = engineOf([pathRule()], 0);
    keyed(suspicious, 1, "h-laptop", 0);
    const snap = suspicious.snapshot();
    const [, slot] = snap.rules["GW-9701"]!.slots.find(([key]) => key === "h-laptop")!;
    expect(Object.keys(slot.s as object).sort()).toEqual(["evidence", "origin", "path", "since"]);
    const again = engineOf([pathRule()], 0);
    again.restore(snap);
    const hop = again.process(events[1]!, 0, { key: "h-laptop" });
    expect(hop.derived.map((d) => d.labels?.gapwatch_key)).toEqual(["h-jump"]);
  });
});
