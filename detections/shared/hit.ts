// What a kind reports to the shared incident stage: a detection for one key and window. Kinds only produce
// hits; exceptions, suppression, incident ids and ATT&CK attachment happen once in detections/shared.
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { PathHop } from "./incident.ts";

export interface Hit {
  /** Correlation key the hit belongs to. */
  key: string;
  /** Event time (ms) that starts the window: the first step, first counted event, or path origin. */
  windowStart: number;
  /** Event time (ms) of the latest event contributing to the hit. */
  time: number;
  /** Evidence added by this hit, oldest first. */
  events: CanonicalEvent[];
  /** How many matching events this hit adds to the incident count. */
  count: number;
  /** Pivot path (sequence and path kinds), oldest hop first. */
  path?: PathHop[];
  /** Kind-specific facts for the message ("12 distinct destinations", "new term 10.1.2.3/16"). */
  detail?: string;
}
