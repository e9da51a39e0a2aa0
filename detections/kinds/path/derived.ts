// Derived path events: canonical events (dataset gapwatch.path) that carry a pivot path to the next host's
// key. The carried path travels in labels (the canonical schema has no structured slot for it yet), as JSON.
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import type { PathHop } from "../../shared/incident.ts";

export const DERIVED_DATASET = "gapwatch.path";
export const LABEL_RULE = "gapwatch_rule";
export const LABEL_KEY = "gapwatch_key";
export const LABEL_PATH = "gapwatch_path";

export interface CarriedPath {
  origin: string;
  since: number;
  path: PathHop[];
  evidence: CanonicalEvent[];
}

export function isDerivedFor(ruleId: string, event: CanonicalEvent): boolean {
  return event.event.dataset === DERIVED_DATASET && event.labels?.[LABEL_RULE] === ruleId;
}

/** The rule a derived event is addressed to (undefined for ordinary events). */
export function derivedRuleOf(event: CanonicalEvent): string | undefined {
  return event.event.dataset === DERIVED_DATASET ? event.labels?.[LABEL_RULE] : undefined;
}

export function makeDerived(
  ruleId: string,
  key: string,
  hopEvent: CanonicalEvent,
  carried: CarriedPath,
): CanonicalEvent {
  const derived: CanonicalEvent = {
    "@timestamp": hopEvent["@timestamp"],
    event: { kind: "signal", category: ["network"], type: ["info"], action: "path_hop", dataset: DERIVED_DATASET },
    observer: hopEvent.observer,
    related: { hosts: [key] },
    labels: { [LABEL_RULE]: ruleId, [LABEL_KEY]: key, [LABEL_PATH]: JSON.stringify(carried) },
    gapwatch: hopEvent.gapwatch,
  };
  if (hopEvent.source) derived.source = hopEvent.source;
  if (hopEvent.destination) derived.destination = hopEvent.destination;
  return derived;
}

export function readCarried(event: CanonicalEvent): CarriedPath {
  return JSON.parse(event.labels![LABEL_PATH]!) as CarriedPath;
}
