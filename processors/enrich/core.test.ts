// enrichEvent end to end over the example plant: endpoint context, the EDR host side, identity resolution
// across domains, the lease table joining an OT flow to the EDR host holding the IP at that time, NAT, and
// the verdicts that need their own site model (level_jump, unzoned traffic).
import { describe, expect, it } from "vitest";
import { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { enrichEvent } from "./core.ts";
import { edrEvent, flowEvent } from "./fixtures/events.ts";
import { loadPlant, OUT_OF_WINDOW } from "./fixtures/plant.ts";
import { resolveIdentity } from "./identity/accounts.ts";
import { createIdentityTable } from "./identity/table.ts";
import { parseSiteModelOrThrow } from "./site/parse.ts";

const site = loadPlant();

describe("enrichEvent", () => {
  it("fills both endpoints of an OT flow and keeps the result a valid canonical event", () => {
    const identity = createIdentityTable();
    const input = flowEvent({
      at: OUT_OF_WINDOW,
      src: "10.50.0.11",
      dst: "10.60.0.11",
      port: 502,
      ot: { protocol: "modbus", action: "read", fn: "READ_COILS" },
    });
    const frozen = JSON.stringify(input);
    const event = enrichEvent(input, { site, identity });
    expect(JSON.stringify(input)).toBe(frozen); // the input is not modified
    expect(event.site?.source).toEqual({
      asset: { id: "hmi01", name: "HMI-01", role: "hmi", criticality: "high", attack_ics_asset: ["A0002"] },
      zone: {
        id: "z-l2-scada",
        name: "SCADA / HMI / EWS",
        level: 2,
        kind: "supervisory",
        sl_t: 3,
        criticality: "critical",
      },
      level: 2,
      unknown_asset: false,
      host: { id: "edr-aa11", name: "HMI-01", via: "site" },
    });
    expect(event.site?.destination?.asset).toMatchObject({
      id: "plc101",
      role: "plc",
      vendor: "Schneider Electric",
      model: "M580",
    });
    expect(event.site?.destination?.host).toBeUndefined();
    expect(CanonicalEvent.safeParse(event).success).toBe(true);
  });

  it("joins an OT flow to the EDR host that held the source IP at the flow's time", () => {
    const identity = createIdentityTable();
    const learn = (at: string, hostId: string, hostName: string) => {
      const e = edrEvent({ at, hostId, hostName, ips: ["10.50.0.60"] });
      identity.learn(e);
      enrichEvent(e, { site, identity });
    };
    learn("2026-11-23T08:00:00Z", "edr-laptop-a", "VENDOR-A");
    learn("2026-11-23T12:00:00Z", "edr-laptop-b", "VENDOR-B");
    const flowAt = (at: string) =>
      enrichEvent(
        flowEvent({
          at,
          src: "10.50.0.60",
          dst: "10.60.0.12",
          port: 102,
          ot: { protocol: "s7comm", action: "read", fn: "Read Variable" },
        }),
        { site, identity },
      );
    const before = flowAt("2026-11-23T09:00:00Z");
    const after = flowAt("2026-11-23T12:30:00Z");
    expect(before.site?.source?.host).toEqual({ id: "edr-laptop-a", name: "VENDOR-A", via: "lease" });
    expect(after.site?.source?.host).toEqual({ id: "edr-laptop-b", name: "VENDOR-B", via: "lease" });
    expect(before.site?.source?.unknown_asset).toBe(true); // a host with EDR is still not in the inventory
    expect(before.site?.conduit.verdict).toBe("conduit_violation"); // and not an allowed initiator
  });

  it("finds a DHCP host's asset through its EDR id, in the zone its address is in now", () => {
    const identity = createIdentityTable();
    identity.learn(
      edrEvent({ at: "2026-11-23T08:00:00Z", hostId: "edr-55e1", hostName: "ENG-LT-007", ips: ["10.10.9.99"] }),
    );
    const event = enrichEvent(
      flowEvent({ at: "2026-11-23T08:10:00Z", src: "10.10.9.99", dst: "10.30.0.10", port: 3389, protocol: "rdp" }),
      {
        site,
        identity,
      },
    );
    expect(event.site?.source).toMatchObject({
      asset: { id: "ws-eng-007" },
      zone: { id: "z-corp" },
      unknown_asset: false,
    });
    expect(event.site?.conduit).toEqual({ verdict: "allowed", id: "c-corp-jump", reasons: [] });
  });

  it("describes an EDR event's own host on site.source and resolves its account to an identity", () => {
    const identity = createIdentityTable();
    const event = enrichEvent(
      edrEvent({
        at: OUT_OF_WINDOW,
        hostId: "edr-91c2",
        hostName: "OT-JUMP-01",
        ips: ["10.30.0.10"],
        user: { name: "alice.adm", domain: "OT" },
      }),
      {
        site,
        identity,
      },
    );
    expect(event.site).toEqual({
      conduit: { verdict: "not_evaluated", reasons: [] },
      source: expect.objectContaining({
        asset: expect.objectContaining({ id: "jh01", role: "jump_host" }),
        zone: expect.objectContaining({ id: "z-dmz", level: 3.5 }),
        identity: "alice",
      }),
    });
    const unknownHost = enrichEvent(
      edrEvent({ at: OUT_OF_WINDOW, hostId: "edr-new", hostName: "NEW-PC", ips: ["10.10.44.4"] }),
      { site, identity },
    );
    expect(unknownHost.site?.source).toMatchObject({ zone: { id: "z-corp" }, unknown_asset: true });
  });

  it("normalises accounts across domains to one identity", () => {
    for (const [name, domain] of [
      ["CORP\\alice"],
      ["alice@corp.example"],
      ["OT\\alice.adm"],
      ["alice", "CORP"],
      ["ALICE", "corp.example"],
      ["alice"],
    ] as [string, string?][]) {
      expect(resolveIdentity(site, name, domain)?.id, `${domain ?? ""} ${name}`).toBe("alice");
    }
    expect(resolveIdentity(site, "HMI01\\operator")?.id).toBe("hmi-operator"); // a local account on any host
    expect(resolveIdentity(site, "EWS01$", "OT")).toBeUndefined(); // a machine account is not a person
    expect(resolveIdentity(site, "EVIL\\alice")).toBeUndefined();
    expect(resolveIdentity(site, "mallory")).toBeUndefined();
  });

  it("names the NAT device, not a host, for a translated address", () => {
    const identity = createIdentityTable();
    const event = enrichEvent(flowEvent({ at: OUT_OF_WINDOW, src: "10.30.0.1", dst: "10.40.0.10", port: 5450 }), {
      site,
      identity,
    });
    expect(event.site?.source).toMatchObject({ asset: { id: "fw-dmz", role: "firewall" }, unknown_asset: false });
    expect(event.site?.source?.host).toBeUndefined();
  });

  it("flags a level jump on a conduit that exists, and leaves unzoned traffic not_evaluated", () => {
    const flat = parseSiteModelOrThrow(`schema_version: "1"
site: { id: flat, name: Flat }
defaults: { max_level_jump: 1 }
zones:
  - { id: z-it, name: IT, purdue_level: 4, kind: enterprise, sl_t: 1, criticality: low, networks: ["10.10.0.0/16"], inventoried: false }
  - { id: z-ctl, name: Control, purdue_level: 1, kind: process, sl_t: 3, criticality: critical, networks: ["10.60.0.0/16"], inventoried: false }
conduits:
  - { id: c-direct, src_zone: z-it, dst_zone: z-ctl, services: [{ app: modbus, ports: [502], actions_allowed: [read] }] }
`);
    const identity = createIdentityTable();
    const read = enrichEvent(
      flowEvent({
        at: OUT_OF_WINDOW,
        src: "10.10.1.1",
        dst: "10.60.0.5",
        port: 502,
        ot: { protocol: "modbus", action: "read" },
      }),
      { site: flat, identity },
    );
    expect(read.site?.conduit).toEqual({ verdict: "level_jump", id: "c-direct", reasons: ["level_jump"] });
    const write = enrichEvent(
      flowEvent({
        at: OUT_OF_WINDOW,
        src: "10.10.1.1",
        dst: "10.60.0.5",
        port: 502,
        ot: { protocol: "modbus", action: "write" },
      }),
      { site: flat, identity },
    );
    expect(write.site?.conduit).toEqual({
      verdict: "function_violation",
      id: "c-direct",
      reasons: ["function_not_allowed", "level_jump"],
    });
    const outside = enrichEvent(flowEvent({ at: OUT_OF_WINDOW, src: "8.8.8.8", dst: "9.9.9.9", port: 53 }), {
      site: flat,
      identity,
    });
    expect(outside.site?.conduit).toEqual({ verdict: "not_evaluated", reasons: ["unzoned"] });
    expect(outside.site?.source).toEqual({});
  });
});

describe("enrichEvent on EDR logons and dual-homed hosts", () => {
  const logon = (hostId: string, ips: string[], client: string) => {
    const event = edrEvent({ at: OUT_OF_WINDOW, hostId, ips, user: { name: "alice", domain: "CORP" } });
    event.event = { ...event.event, category: ["authentication"], action: "logged-in", code: "4624" };
    event.source = { ip: client };
    event.winlog = { logon: { type: "RemoteInteractive" } };
    return event;
  };

  it("judges an RDP logon on the EWS by where the client is", () => {
    const identity = createIdentityTable();
    const fromLaptop = enrichEvent(logon("edr-aa20", ["10.50.0.20"], "10.10.5.23"), { site, identity });
    expect(fromLaptop.site?.destination?.asset?.id).toBe("ews01");
    expect(fromLaptop.site?.source).toMatchObject({ asset: { id: "ws-fin-023" }, identity: "alice" });
    expect(fromLaptop.site?.conduit).toMatchObject({ verdict: "bypass", id: "c-jump-scada" });
    const fromJump = enrichEvent(logon("edr-aa20", ["10.50.0.20"], "10.30.0.10"), { site, identity });
    expect(fromJump.site?.conduit).toEqual({ verdict: "allowed", id: "c-jump-scada", reasons: [] });
  });

  it("judges an EDR connection without source.ip from the event's own host", () => {
    const identity = createIdentityTable();
    const event = edrEvent({ at: OUT_OF_WINDOW, hostId: "edr-7f3a", ips: ["10.10.5.23"] });
    event.event = { ...event.event, category: ["network"] };
    event.destination = { ip: "10.60.0.12", port: 102 };
    const enriched = enrichEvent(event, { site, identity });
    expect(enriched.site?.source?.asset?.id).toBe("ws-fin-023");
    expect(enriched.site?.conduit).toMatchObject({
      verdict: "conduit_violation",
      reasons: ["no_conduit", "dmz_bypass", "level_jump"],
    });
  });

  it("places each leg of a dual-homed jump host in the zone of its network", () => {
    const identity = createIdentityTable();
    const itLeg = enrichEvent(
      flowEvent({ at: OUT_OF_WINDOW, src: "10.10.5.23", dst: "10.10.0.10", port: 3389, protocol: "rdp" }),
      { site, identity },
    );
    expect(itLeg.site?.destination).toMatchObject({ asset: { id: "jh01" }, zone: { id: "z-corp" } });
    expect(itLeg.site?.conduit.verdict).toBe("intra_zone");
    const otLeg = enrichEvent(
      flowEvent({ at: OUT_OF_WINDOW, src: "10.30.0.10", dst: "10.50.0.11", port: 3389, protocol: "rdp" }),
      { site, identity },
    );
    expect(otLeg.site?.source).toMatchObject({
      asset: { id: "jh01" },
      zone: { id: "z-dmz" },
      host: { id: "edr-91c2", via: "site" },
    });
    expect(otLeg.site?.conduit.verdict).toBe("allowed");
  });
});
