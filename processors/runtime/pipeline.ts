// The in-process composition of the stages (ARCHITECTURE.md section 1), shared by `replay` (all in one
// process, no Kafka) and `run` (route and correlate on either side of the internal events topic):
//   route:     canonical event -> identity learn -> enrich -> one routed event per routing key
//   correlate: routed event -> engine (one per input partition) -> incidents + derived events
// Derived events (the next hop of a pivot path) re-enter routing, with a bounded generation count so a
// rule cycle cannot loop forever.
import type { Incident } from "../../detections/shared/incident.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { CorrelationEngine, EngineOutput, IdentityTable, LeaseUpdate, Stages } from "./stages.ts";

/** One event under one correlation key; `generation` counts derived hops (0 for an input event). */
export interface RoutedEvent {
  key: string;
  event: CanonicalEvent;
  generation: number;
}

export interface RouteResult {
  routed: RoutedEvent[];
  leases: LeaseUpdate[];
}

export interface CorrelateResult {
  incidents: Incident[];
  /** Derived events already routed under their keys, ready to re-enter correlation. */
  derived: RoutedEvent[];
  /** Derived events dropped because they exceeded the generation bound (counted, reported). */
  droppedDerived: number;
}

/** Generations of derived events allowed; a path rule bounds hops itself, this guards against cycles. */
export const DEFAULT_MAX_GENERATIONS = 8;

/** Learns identity from the event, enriches it and fans it out to its routing keys. */
export function routeEvent(
  stages: Stages,
  identity: IdentityTable,
  event: CanonicalEvent,
  generation = 0,
): RouteResult {
  const leases = generation === 0 ? identity.learn(event) : [];
  for (const lease of leases) identity.apply(lease);
  const enriched = stages.enrich(event, identity);
  const keys = [...new Set(stages.routingKeys(enriched))];
  return { routed: keys.map((key) => ({ key, event: enriched, generation })), leases };
}

/** Routes the derived events an engine produced (they are enriched already, so only keys are computed). */
export function routeDerived(stages: Stages, derived: CanonicalEvent[], generation: number): RoutedEvent[] {
  const out: RoutedEvent[] = [];
  for (const event of derived) {
    for (const key of new Set(stages.routingKeys(event))) out.push({ key, event, generation });
  }
  return out;
}

/** Correlates one routed event in one partition's engine. */
export function correlateEvent(
  stages: Stages,
  engine: CorrelationEngine,
  routed: RoutedEvent,
  maxGenerations = DEFAULT_MAX_GENERATIONS,
): CorrelateResult {
  return collect(stages, engine.process(routed.event, routed.key), routed.generation + 1, maxGenerations);
}

/** Turns an engine output into a correlate result, routing (or bounding) its derived events. */
export function collect(
  stages: Stages,
  output: EngineOutput,
  generation: number,
  maxGenerations = DEFAULT_MAX_GENERATIONS,
): CorrelateResult {
  if (output.derived.length === 0) return { incidents: output.incidents, derived: [], droppedDerived: 0 };
  if (generation > maxGenerations) {
    return { incidents: output.incidents, derived: [], droppedDerived: output.derived.length };
  }
  return { incidents: output.incidents, derived: routeDerived(stages, output.derived, generation), droppedDerived: 0 };
}

/**
 * Correlates a routed event and, in the same engine, everything it derives (the single-process case:
 * replay, and `run` with one partition owner). Returns every incident version in emission order.
 */
export function correlateInProcess(
  stages: Stages,
  engine: CorrelationEngine,
  routed: RoutedEvent,
  maxGenerations = DEFAULT_MAX_GENERATIONS,
): { incidents: Incident[]; droppedDerived: number } {
  const incidents: Incident[] = [];
  let droppedDerived = 0;
  const queue: RoutedEvent[] = [routed];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const result = correlateEvent(stages, engine, next, maxGenerations);
    incidents.push(...result.incidents);
    queue.push(...result.derived);
    droppedDerived += result.droppedDerived;
  }
  return { incidents, droppedDerived };
}

/** Drains an engine output produced without an input event (watermark advance, flush) in process. */
export function drainInProcess(
  stages: Stages,
  engine: CorrelationEngine,
  output: EngineOutput,
  maxGenerations = DEFAULT_MAX_GENERATIONS,
): { incidents: Incident[]; droppedDerived: number } {
  const first = collect(stages, output, 1, maxGenerations);
  const incidents = [...first.incidents];
  let droppedDerived = first.droppedDerived;
  for (const routed of first.derived) {
    const more = correlateInProcess(stages, engine, routed, maxGenerations);
    incidents.push(...more.incidents);
    droppedDerived += more.droppedDerived;
  }
  return { incidents, droppedDerived };
}

/** Keeps the latest version of each incident, in order of first appearance (replay's output). */
export interface IncidentLedger {
  add(incident: Incident): "opened" | "updated";
  readonly size: number;
  readonly counts: { opened: number; updated: number };
  values(): IterableIterator<Incident>;
}

export function createIncidentLedger(): IncidentLedger {
  const byId = new Map<string, Incident>();
  const counts = { opened: 0, updated: 0 };
  return {
    add(incident) {
      const change = byId.has(incident.id) ? "updated" : "opened";
      byId.set(incident.id, incident);
      counts[change] += 1;
      return change;
    },
    get size() {
      return byId.size;
    },
    get counts() {
      return { ...counts };
    },
    values: () => byId.values(),
  };
}
