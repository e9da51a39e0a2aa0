// Detection signals: when an incident opens, the engine emits a derived canonical event (dataset
// gapwatch.signal) about the entity involved, carrying the rule's ATT&CK techniques and risk score. Only `risk`
// rules consume signals, which is risk-based alerting on detections (Splunk RBA, Elastic "alerts in different
// tactics") evaluated in the stream. Risk rules' own incidents emit no signal, so there is no feedback loop.
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { CompiledRule } from "../language/compile-rule.ts";
import type { Incident } from "./incident.ts";

export const SIGNAL_DATASET = "gapwatch.signal";

/** The entity an incident is about: the EDR host, else the resolved source host, else the source address. */
function entityOf(event: CanonicalEvent | undefined): string | undefined {
  if (!event) return undefined;
  if (event.observer.type === "edr" && event.host?.id) return event.host.id;
  return event.site?.source?.host?.id ?? event.source?.ip ?? event.host?.id;
}

export function isSignal(event: CanonicalEvent): boolean {
  return event.event.dataset === SIGNAL_DATASET;
}

export function makeSignal(rule: CompiledRule, incident: Incident): CanonicalEvent | undefined {
  const first = incident.evidence.find((e) => entityOf(e) !== undefined);
  const entity = entityOf(first);
  if (!first || !entity) return undefined;
  const signal: CanonicalEvent = {
    "@timestamp": incident.last_seen,
    event: {
      kind: "signal",
      category: ["intrusion_detection"],
      dataset: SIGNAL_DATASET,
      action: rule.id,
      id: incident.id,
      risk_score: incident.risk_score,
    },
    observer: { type: first.observer.type, product: "gapwatch" },
    host: { id: entity },
    rule: { id: rule.id, name: rule.common.title },
    threat: { framework: "MITRE ATT&CK", technique: { id: rule.common.attack } },
    related: { hosts: [entity] },
    gapwatch: first.gapwatch,
  };
  if (first.source) signal.source = first.source;
  return signal;
}
