import { describe, expect, it } from "vitest";
import { describeIncident, toIncidentView } from "./incident-view.ts";
import { type ChainTruth, type IncidentView, scoreIncidents } from "./truth.ts";

const chain: ChainTruth = {
  chain: "s7-plc-stop#1",
  scenario: "s7-plc-stop",
  title: "stop",
  references: [],
  techniques: ["T0858", "T0881"],
  requiredTechniques: ["T0858"],
  expectedRules: ["gw-ot-001"],
  entities: { ips: ["10.50.0.21", "10.60.0.81"], hosts: ["ews-02"], users: ["bob.adm"] },
  startedAt: "2026-03-10T14:17:00.000Z",
  lastEventAt: "2026-03-10T14:17:01.400Z",
  endedAt: "2026-03-10T14:17:01.800Z",
  recordCount: 7,
  detectableAt: "2026-03-10T14:17:01.400Z",
  triggerRecordCount: 6,
  topics: ["ot.zeek.s7comm"],
};

function incident(overrides: Partial<IncidentView>): IncidentView {
  return {
    id: "i1",
    ruleId: "gw-ot-001",
    ruleName: "PLC stop",
    severity: "high",
    techniques: ["T0858"],
    ips: ["10.60.0.81"],
    hosts: [],
    firstSeen: Date.parse("2026-03-10T14:17:01Z"),
    lastSeen: Date.parse("2026-03-10T14:17:02Z"),
    path: [],
    ...overrides,
  };
}

describe("scoreIncidents", () => {
  it("counts a chain detected when its incidents share an entity, overlap in time and carry the techniques", () => {
    const card = scoreIncidents([chain], [incident({})]);
    expect(card.detected).toBe(1);
    expect(card.falsePositives).toEqual([]);
    expect(card.chains[0]!.missingRules).toEqual([]);
  });

  it("misses a chain whose incidents lack a required technique", () => {
    const card = scoreIncidents([chain], [incident({ techniques: ["T0855"] })]);
    expect(card.detected).toBe(0);
    expect(card.chains[0]!.missingTechniques).toEqual(["T0858"]);
  });

  it("calls an incident about other entities or another time a false positive", () => {
    const elsewhere = incident({ id: "i2", ips: ["10.60.0.99"] });
    const later = incident({
      id: "i3",
      firstSeen: Date.parse("2026-03-10T18:00:00Z"),
      lastSeen: Date.parse("2026-03-10T18:00:00Z"),
    });
    const card = scoreIncidents([chain], [incident({}), elsewhere, later]);
    expect(card.falsePositives.map((i) => i.id)).toEqual(["i2", "i3"]);
    expect(card.precision).toBeCloseTo(1 / 3);
  });
});

describe("toIncidentView", () => {
  it("reads the ECS incident document", () => {
    const view = toIncidentView({
      "@timestamp": "2026-03-10T14:17:02Z",
      event: { id: "abc", start: "2026-03-10T14:17:01Z", end: "2026-03-10T14:17:02Z" },
      rule: { id: "gw-ot-001", name: "PLC stop" },
      threat: [{ framework: "MITRE ATT&CK for ICS", technique: { id: ["T0858", "T0881"] } }],
      related: { ip: ["10.60.0.81"], hosts: ["EWS-02"], user: [] },
      gapwatch: {
        severity: "critical",
        key: "10.50.0.21",
        first_seen: "2026-03-10T14:17:01Z",
        last_seen: "2026-03-10T14:17:02Z",
        path: [{ host: { name: "EWS-02", ip: "10.50.0.21" } }],
      },
    });
    expect(view).toMatchObject({
      id: "abc",
      ruleId: "gw-ot-001",
      severity: "critical",
      techniques: ["T0858", "T0881"],
      path: ["EWS-02"],
    });
    expect(view.ips.sort()).toEqual(["10.50.0.21", "10.60.0.81"]);
    expect(describeIncident(view)).toBe("[CRITICAL] gw-ot-001 PLC stop | EWS-02 | T0858,T0881");
  });

  it("reads the engine's internal incident", () => {
    const view = toIncidentView({
      id: "x",
      rule: { id: "r", name: "n", techniques: ["T0816"] },
      severity: "high",
      key: "10.60.0.161",
      first_seen: "2026-03-10T14:20:01Z",
      last_seen: "2026-03-10T14:20:01Z",
      path: [],
      evidence: [{ source: { ip: "10.50.0.5" }, destination: { ip: "10.60.0.161" } }],
    });
    expect(view.techniques).toEqual(["T0816"]);
    expect(view.ips.sort()).toEqual(["10.50.0.5", "10.60.0.161"]);
  });
});
