// `match`: one event is enough (an EDR alert, a conduit violation, a PLC stop outside a window).
import { z } from "zod";
import { Condition } from "../../language/condition.ts";
import { KeySpec } from "../../shared/keys.ts";

export const MatchParams = z.strictObject({
  where: Condition,
  /** Correlation key: routes the event and, without suppression, separates incidents. */
  by: KeySpec,
});
export type MatchParams = z.infer<typeof MatchParams>;
