// The lease table: time-versioned resolution (an IP that moved from A to B), filtering of addresses an OT
// sensor never sees, multi-homed hosts, NAT and shared addresses, bounds, and replication semantics
// (apply is idempotent and order-insensitive; snapshot/restore round-trips).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { edrEvent } from "../fixtures/events.ts";
import { loadPlant } from "../fixtures/plant.ts";
import { createIdentityTable, type LeaseUpdate } from "./table.ts";

const at = (hhmm: string) => `2026-11-23T${hhmm}:00Z`;
const ms = (hhmm: string) => Date.parse(at(hhmm));

describe("identity lease table", () => {
  it("resolves an IP that moved from host A to host B to A before the move and B after", () => {
    const table = createIdentityTable();
    for (const t of ["08:00", "09:00", "10:00"])
      table.learn(edrEvent({ at: at(t), hostId: "host-a", hostName: "LAPTOP-A", ips: ["10.50.0.20"] }));
    for (const t of ["11:00", "12:00"])
      table.learn(edrEvent({ at: at(t), hostId: "host-b", hostName: "LAPTOP-B", ips: ["10.50.0.20"] }));
    expect(table.resolve("10.50.0.20", ms("09:30"))).toEqual({ id: "host-a", name: "LAPTOP-A", via: "lease" });
    expect(table.resolve("10.50.0.20", ms("10:30"))).toMatchObject({ id: "host-a" }); // last seen holder until B appears
    expect(table.resolve("10.50.0.20", ms("11:30"))).toMatchObject({ id: "host-b" });
    expect(table.resolve("10.50.0.20", ms("07:58"))).toMatchObject({ id: "host-a" }); // within the backdate grace
    expect(table.resolve("10.50.0.20", ms("06:00"))).toBeUndefined();
    expect(table.resolve("10.50.0.20", Date.parse("2026-11-25T12:00:00Z"))).toBeUndefined(); // lease expired
  });

  it("handles the EDR event that learned the move arriving late (out of order)", () => {
    const table = createIdentityTable();
    table.learn(edrEvent({ at: at("12:00"), hostId: "host-b", ips: ["10.50.0.20"] }));
    table.learn(edrEvent({ at: at("08:00"), hostId: "host-a", ips: ["10.50.0.20"] }));
    table.learn(edrEvent({ at: at("10:00"), hostId: "host-a", ips: ["10.50.0.20"] }));
    expect(table.resolve("10.50.0.20", ms("09:00"))?.id).toBe("host-a");
    expect(table.resolve("10.50.0.20", ms("12:30"))?.id).toBe("host-b");
  });

  it("learns every routable IP of a multi-homed jump host and none of loopback, link-local, APIPA or docker", () => {
    const table = createIdentityTable();
    const updates = table.learn(
      edrEvent({
        at: at("08:00"),
        hostId: "edr-91c2",
        hostName: "OT-JUMP-01",
        ips: ["10.10.9.10", "10.30.0.10", "127.0.0.1", "::1", "fe80::1c2:3ff:fe44:5566", "169.254.10.10", "172.17.0.1"],
      }),
    );
    expect(updates.map((u) => u.ip).sort()).toEqual(["10.10.9.10", "10.30.0.10"]);
    expect(table.resolve("10.10.9.10", ms("08:05"))?.id).toBe("edr-91c2");
    expect(table.resolve("10.30.0.10", ms("08:05"))?.id).toBe("edr-91c2");
    expect(table.resolve("172.17.0.1", ms("08:05"))).toBeUndefined();
  });

  it("learns the host's own side of EDR network events and canonicalises IPv6", () => {
    const table = createIdentityTable();
    table.learn(
      edrEvent({
        at: at("08:00"),
        hostId: "h1",
        ips: [],
        connect: { src: "2001:DB8:0:0::7", dst: "10.60.0.11", port: 502 },
      }),
    );
    expect(table.resolve("2001:db8::7", ms("08:01"))?.id).toBe("h1");
    expect(table.resolve("10.60.0.11", ms("08:01"))).toBeUndefined(); // the remote side is not the host's
  });

  it("refuses to name a host for an address two hosts hold at once", () => {
    const table = createIdentityTable({ ignoreNetworks: [] });
    for (const t of ["08:00", "09:00", "10:00"]) {
      table.learn(edrEvent({ at: at(t), hostId: "h1", ips: ["192.168.1.10"] }));
      table.learn(edrEvent({ at: at(t), hostId: "h2", ips: ["192.168.1.10"] }));
    }
    expect(table.resolve("192.168.1.10", ms("09:00"))).toBeUndefined();
    expect(table.stats().ambiguous).toBeGreaterThan(0);
  });

  it("falls back to the site model's static lease and never resolves a NAT address", () => {
    const site = loadPlant();
    const table = createIdentityTable();
    expect(table.resolve("10.50.0.11", ms("08:00"), site)).toEqual({ id: "edr-aa11", name: "HMI-01", via: "site" });
    expect(table.resolve("10.60.0.11", ms("08:00"), site)).toBeUndefined(); // a PLC has no EDR
    table.learn(edrEvent({ at: at("08:00"), hostId: "edr-fw", ips: ["10.30.0.1"] }));
    expect(table.resolve("10.30.0.1", ms("08:00"), site)).toBeUndefined();
    expect(table.resolve("10.30.0.1", ms("08:00"))?.id).toBe("edr-fw"); // without the site model it cannot know
  });

  it("publishes a lease when it is new or moved, not on every event", () => {
    const table = createIdentityTable({ publishGranularityMs: 10 * 60_000 });
    expect(table.learn(edrEvent({ at: at("08:00"), hostId: "h1", ips: ["10.50.0.30"] }))).toHaveLength(1);
    expect(table.learn(edrEvent({ at: at("08:01"), hostId: "h1", ips: ["10.50.0.30"] }))).toHaveLength(0);
    expect(table.learn(edrEvent({ at: at("08:11"), hostId: "h1", ips: ["10.50.0.30"] }))).toHaveLength(1);
    expect(table.learn(edrEvent({ at: at("08:12"), hostId: "h2", ips: ["10.50.0.30"] }))).toHaveLength(1);
  });

  it("stays bounded: least recently updated IPs are evicted", () => {
    const table = createIdentityTable({ maxIps: 100 });
    for (let i = 0; i < 300; i++)
      table.learn(edrEvent({ at: at("08:00"), hostId: `h${i}`, ips: [`10.70.${i >> 8}.${i & 255}`] }));
    expect(table.stats().ips).toBe(100);
    expect(table.stats().evictions).toBe(200);
    expect(table.resolve("10.70.1.43", ms("08:00"))?.id).toBe("h299");
    expect(table.resolve("10.70.0.0", ms("08:00"))).toBeUndefined();
  });

  it("replicates: applying updates in any order, any number of times, gives the same answers", () => {
    const source = createIdentityTable();
    const updates: LeaseUpdate[] = [];
    const hosts = ["a", "b", "c"];
    for (let m = 0; m < 40; m++) {
      const host = hosts[Math.floor(m / 7) % 3]!;
      const t = new Date(Date.UTC(2026, 10, 23, 8, m * 3)).toISOString();
      updates.push(...source.learn(edrEvent({ at: t, hostId: host, ips: ["10.50.0.40", `10.50.1.${m % 3}`] })));
    }
    const probes = Array.from({ length: 60 }, (_, k) => Date.UTC(2026, 10, 23, 8, 0) + k * 2 * 60_000);
    const answers = (t: ReturnType<typeof createIdentityTable>) =>
      probes.flatMap((p) => ["10.50.0.40", "10.50.1.0", "10.50.1.1"].map((ip) => t.resolve(ip, p)?.id ?? "-"));
    const expected = answers(source);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(updates, { minLength: updates.length }),
        fc.array(fc.nat(updates.length - 1)),
        (order, repeats) => {
          const replica = createIdentityTable();
          for (const u of order) replica.apply(u);
          for (const k of repeats) replica.apply(updates[k]!);
          expect(answers(replica)).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("snapshot and restore round-trip through JSON", () => {
    const table = createIdentityTable();
    table.learn(edrEvent({ at: at("08:00"), hostId: "host-a", hostName: "A", ips: ["10.50.0.20", "fd00:10::20"] }));
    table.learn(edrEvent({ at: at("11:00"), hostId: "host-b", ips: ["10.50.0.20"] }));
    const copy = createIdentityTable();
    copy.restore(JSON.parse(JSON.stringify(table.snapshot())));
    for (const t of ["08:30", "11:30"]) {
      expect(copy.resolve("10.50.0.20", ms(t))).toEqual(table.resolve("10.50.0.20", ms(t)));
    }
    expect(copy.resolve("fd00:10::20", ms("08:30"))?.id).toBe("host-a");
  });
});
