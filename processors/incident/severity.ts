// Severity names to ECS numbers. 21/47/73/99 are the risk scores Elastic Security pairs with low/medium/high/
// critical, so `event.severity` lines up with what a Security rule mapping severity from it expects.
import type { Severity } from "../../detections/shared/incident.ts";

export const SEVERITY_NUMBER: Record<Severity, number> = { low: 21, medium: 47, high: 73, critical: 99 };

export const SEVERITY_ORDER: readonly Severity[] = ["low", "medium", "high", "critical"];

/** -1, 0 or 1 as `a` is below, equal to or above `b`. */
export function compareSeverity(a: Severity, b: Severity): number {
  return Math.sign(SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b));
}
