// `path`: a multi-hop pivot (suspicious IT host -> session/connection -> next host -> ... -> OT asset).
// State stays keyed by host; when a suspicious host opens a session or connection, the kind emits a derived
// event keyed by the next host that carries the path so far (ARCHITECTURE.md 1), so no state is pulled
// together across keys and the path arrives where the next host's state lives.
import { z } from "zod";
import { Condition } from "../../language/condition.ts";
import { Duration, FieldPath } from "../../language/rule-schema.ts";
import { KeySpec } from "../../shared/keys.ts";

export const PathParams = z.strictObject({
  /** What makes a host suspicious (an EDR alert), keyed by that host. */
  start: z.strictObject({ where: Condition, by: KeySpec }),
  /** A session or connection from a suspicious host (`from`) to a next host (`to`). */
  hop: z.strictObject({
    where: Condition,
    from: KeySpec,
    /** Identities of the next host; the path is carried under every one present (host id and address). */
    to: z.array(FieldPath).min(1).max(4),
  }),
  /** The final action from a suspicious host (an ICS write or program download), keyed by the acting host. */
  target: z.strictObject({ where: Condition, from: KeySpec }),
  /** Hops (sessions/connections) allowed between start and target. */
  max_hops: z.number().int().min(1).max(8),
  /** Hops required before the target (1 = at least one pivot). */
  min_hops: z.number().int().min(0).max(8).default(1),
  /** The whole path, start to target, must fit in this event-time span. */
  max_age: Duration,
});
export type PathParams = z.infer<typeof PathParams>;
