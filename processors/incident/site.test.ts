// siteSide carries every part of the enrichment an analyst pivots on, including who held the IP and which
// identity the account belongs to; the incident document schema accepts it.
import { describe, expect, it } from "vitest";
import { SiteSide } from "./schema.ts";
import { siteSide } from "./site.ts";

describe("siteSide", () => {
  it("keeps asset, zone, level, the leased EDR host and the identity", () => {
    const side = siteSide({
      asset: {
        id: "ews01",
        name: "EWS-01",
        role: "engineering_workstation",
        vendor: "Dell",
        attack_ics_asset: ["A0001"],
      },
      zone: { id: "z-l2-scada", name: "SCADA", level: 2, kind: "supervisory", criticality: "critical" },
      host: { id: "edr-aa20", name: "ews01", via: "lease" },
      identity: "alice",
    });
    expect(side).toEqual({
      asset: {
        id: "ews01",
        name: "EWS-01",
        role: "engineering_workstation",
        vendor: "Dell",
        attack_ics_asset: ["A0001"],
      },
      zone: { id: "z-l2-scada", name: "SCADA", level: 2, kind: "supervisory", criticality: "critical" },
      level: 2,
      host: { id: "edr-aa20", name: "ews01", via: "lease" },
      identity: "alice",
    });
    expect(SiteSide.safeParse(side).success).toBe(true);
  });

  it("is absent when the endpoint has no site context", () => {
    expect(siteSide({})).toBeUndefined();
    expect(siteSide(undefined)).toBeUndefined();
  });
});
