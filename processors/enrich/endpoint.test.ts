// Endpoint resolution details: MAC fallback only where the zone allows it, IPv6 and IPv4-mapped spellings of
// an inventoried address, and addresses that are not addresses.
import { describe, expect, it } from "vitest";
import { locateAddress, resolveAddress } from "./endpoint.ts";
import { edrEvent } from "./fixtures/events.ts";
import { createIdentityTable } from "./identity/table.ts";
import { parseSiteModelOrThrow } from "./site/parse.ts";

const site = parseSiteModelOrThrow(`schema_version: "1"
site: { id: cell, name: Cell }
zones:
  - { id: z-cell, name: Cell, purdue_level: 1, kind: process, sl_t: 2, criticality: high, networks: ["10.70.0.0/24", "fd70::/64"], mac_fallback: true }
  - { id: z-ops, name: Ops, purdue_level: 3, kind: operations, sl_t: 2, criticality: high, networks: ["10.71.0.0/24"] }
assets:
  - { id: io1, zone: z-cell, role: field_io, macs: ["00-1D-9C-AA-BB-01"] }
  - { id: hist, zone: z-ops, role: historian, ips: ["10.71.0.5", "fd70::5"], macs: ["00:1d:9c:aa:bb:02"] }
`);
const identity = createIdentityTable();
const t = Date.parse("2026-11-23T12:00:00Z");

describe("endpoint resolution", () => {
  it("matches a MAC only in zones with mac_fallback", () => {
    expect(resolveAddress(site, identity, "10.70.0.99", "00:1d:9c:aa:bb:01", t).site).toMatchObject({
      asset: { id: "io1" },
      unknown_asset: false,
    });
    const ops = resolveAddress(site, identity, "10.71.0.99", "00:1d:9c:aa:bb:02", t).site;
    expect(ops.asset).toBeUndefined();
    expect(ops.unknown_asset).toBe(true);
  });

  it("finds an inventoried address however it is spelt", () => {
    for (const spelling of ["fd70::5", "FD70:0:0:0:0:0:0:5", "fd70::5%eth0", "::ffff:10.71.0.5"]) {
      expect(locateAddress(site, spelling).asset?.id, spelling).toBe("hist");
    }
  });

  it("resolves nothing for strings that are not addresses", () => {
    expect(resolveAddress(site, identity, "not-an-ip", undefined, t)).toEqual({
      site: {},
      flow: { unknownAsset: false },
    });
    expect(locateAddress(site, "10.70.0")).toEqual({});
  });

  it("names the EDR host behind a MAC learned from host.mac, in zones the sensor sees at layer 2", () => {
    const table = createIdentityTable();
    const edr = edrEvent({ at: "2026-11-23T11:00:00Z", hostId: "edr-hmi-9", hostName: "HMI-9", ips: [] });
    edr.host!.mac = ["00-1D-9C-AA-BB-09", "02:42:ac:11:00:02"];
    expect(table.learn(edr).map((u) => u.ip)).toEqual(["mac:00:1d:9c:aa:bb:09"]); // not the docker (local) MAC
    const cell = resolveAddress(site, table, "10.70.0.50", "00:1d:9c:aa:bb:09", t).site;
    expect(cell.host).toEqual({ id: "edr-hmi-9", name: "HMI-9", via: "lease" });
    const routed = resolveAddress(site, table, "10.71.0.50", "00:1d:9c:aa:bb:09", t).site;
    expect(routed.host).toBeUndefined(); // z-ops has no mac_fallback: its MACs are the router's
  });
});
