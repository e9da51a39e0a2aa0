// Properties over arbitrary flows and EDR events on the example plant: enrichment never throws, its output is
// a valid canonical event, and the verdict is the one the precedence picks from the reasons it reports.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanonicalEvent, OtAction, OtProtocol } from "../../mappings/schema/canonical-event.ts";
import { VERDICT_OF_REASON, VERDICT_PRECEDENCE } from "./conduit/reasons.ts";
import { enrichEvent } from "./core.ts";
import { edrEvent, flowEvent } from "./fixtures/events.ts";
import { loadPlant } from "./fixtures/plant.ts";
import { createIdentityTable } from "./identity/table.ts";

const site = loadPlant();
const known = [...site.assetByIp.keys()];
const ip = fc.oneof(
  fc.constantFrom(...known),
  fc.ipV4(),
  fc.ipV6(),
  fc.tuple(fc.constantFrom(10, 172, 192), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join(".")),
);
const time = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2031, 0, 1) }).map((t) => new Date(t).toISOString());
const flow = fc.record({
  at: time,
  src: ip,
  dst: ip,
  port: fc.option(fc.constantFrom(102, 443, 502, 1502, 3389, 5450, 20000, 44818), { nil: undefined }),
  protocol: fc.option(fc.constantFrom("rdp", "ssl", "ssl,rdp", "http", "dce_rpc", "whatever"), { nil: undefined }),
  ot: fc.option(
    fc.record({
      protocol: fc.constantFrom(...OtProtocol.options),
      action: fc.constantFrom(...OtAction.options),
      fn: fc.option(fc.constantFrom("READ_COILS", "PLC Stop", "COLD_RESTART", "PROGRAM_UNITY", "x"), {
        nil: undefined,
      }),
    }),
    { nil: undefined },
  ),
  labels: fc.option(
    fc.record({ mfa: fc.constantFrom("true", "false", "maybe"), ticket: fc.constantFrom("", "CHG-1") }),
    {
      nil: undefined,
    },
  ),
});

function expectedVerdict(reasons: string[], fallback: string): string {
  for (const v of VERDICT_PRECEDENCE)
    if (reasons.some((r) => VERDICT_OF_REASON[r as keyof typeof VERDICT_OF_REASON] === v)) return v;
  return fallback;
}

describe("enrichEvent properties", () => {
  it("never throws, stays a valid canonical event, and reports a verdict consistent with its reasons", () => {
    const identity = createIdentityTable();
    fc.assert(
      fc.property(flow, fc.array(fc.tuple(time, ip), { maxLength: 3 }), (spec, leases) => {
        for (const [at, address] of leases) identity.learn(edrEvent({ at, hostId: `h-${address}`, ips: [address] }));
        const event = enrichEvent(flowEvent(spec), { site, identity });
        expect(CanonicalEvent.safeParse(event).success).toBe(true);
        const conduit = event.site!.conduit;
        if (conduit.verdict !== "not_evaluated") {
          const fallback =
            event.site?.source?.zone?.id === event.site?.destination?.zone?.id ? "intra_zone" : "allowed";
          expect(conduit.verdict).toBe(expectedVerdict(conduit.reasons, fallback));
        }
      }),
      { numRuns: 300 },
    );
  });
});
