import { describe, expect, it } from "vitest";
import { defaultIncidentDocumentConfig, IncidentDocumentConfig } from "./config.ts";
import { shapeIncident } from "./core.ts";
import { pivotIncident, variantIncident } from "./fixtures/pivot-incident.ts";
import { IncidentDocument } from "./schema.ts";
import { splitForUpsert } from "./upsert.ts";

const doc = shapeIncident(pivotIncident, defaultIncidentDocumentConfig);

describe("shapeIncident", () => {
  it("produces a document that passes the incident document schema", () => {
    expect(() => IncidentDocument.parse(doc)).not.toThrow();
  });

  it("is an ECS alert of the gapwatch.incident dataset with numeric severity and the rule block", () => {
    expect(doc.event).toMatchObject({ kind: "alert", dataset: "gapwatch.incident", severity: 99, risk_score: 95 });
    expect(doc.event.start).toBe(pivotIncident.first_seen);
    expect(doc.event.end).toBe(pivotIncident.last_seen);
    expect(doc.rule).toMatchObject({ id: "gw-xd-0001", version: "3", ruleset: "cross-domain", author: ["gapwatch"] });
    expect(doc.rule.reference).toBe("https://attack.mitre.org/techniques/T0886/");
  });

  it("writes one threat entry per framework with catalog names, tactics and sub-techniques", () => {
    expect(doc.threat.map((entry) => entry.framework)).toEqual(["MITRE ATT&CK for ICS", "MITRE ATT&CK"]);
    const [ics, enterprise] = doc.threat;
    expect(ics!.technique.id).toEqual(["T0886", "T0855", "T0836"]);
    expect(ics!.technique.name).toEqual(["Remote Services", "Unauthorized Command Message", "Modify Parameter"]);
    expect(ics!.tactic.id).toContain("TA0106");
    expect(ics!.tactic.id.length).toBe(ics!.tactic.name.length);
    expect(enterprise!.technique.id).toEqual(["T1021"]);
    expect(enterprise!.technique.subtechnique?.name).toEqual(["Remote Desktop Protocol"]);
    expect(enterprise!.tactic.name).toEqual(["Lateral Movement"]);
  });

  it("describes the deepest flow as source/destination with asset and zone, and the IT host", () => {
    expect(doc.source?.ip).toBe("10.30.2.20");
    expect(doc.destination).toEqual({ ip: "10.30.1.11", port: 502 });
    expect(doc.gapwatch.destination?.zone?.id).toBe("cell-1");
    expect(doc.gapwatch.destination?.asset?.role).toBe("plc");
    expect(doc.host?.name).toBe("jump-01");
    expect(doc.gapwatch.conduit?.verdict).toBe("bypass");
  });

  it("records zone crossings along the path and singles out the IT→OT one", () => {
    expect(doc.gapwatch.zone_crossings).toEqual(["corp-it → ot-dmz", "ot-dmz → ops-l2", "ops-l2 → cell-1"]);
    expect(doc.gapwatch.it_ot_crossing).toBe("ot-dmz → ops-l2");
    expect(doc.gapwatch.path.map((hop) => [hop.seq, hop.protocol, hop.action])).toEqual([
      [0, "edr_alert", undefined],
      [1, "rdp", undefined],
      [2, "rdp", undefined],
      [3, "modbus", "write"],
    ]);
  });

  it("collects related ips, hosts and users", () => {
    expect(doc.related.ip).toEqual(["10.10.4.27", "10.20.0.5", "10.30.2.20", "10.30.1.11"]);
    expect(doc.related.hosts).toEqual(["laptop-07", "jump-01", "ews-01", "plc-03"]);
    expect(doc.related.user).toEqual(["alice"]);
  });

  it("writes a one-sentence message naming severity, rule, endpoints, pivot and window", () => {
    expect(doc.message).toBe(
      'Critical incident "IT-to-OT pivot ending in a controller write": ews-01 (10.30.2.20, zone ops-l2, level 2) ' +
        "reached plc-03 (10.30.1.11, zone cell-1, level 1) with a modbus write after a pivot laptop-07 → jump-01 → " +
        "ews-01 → plc-03; 3 events between 2026-11-20 10:01:02Z and 10:04:11Z.",
    );
    expect(doc.message.split(". ").length).toBe(1);
    const withRuleMessage = shapeIncident(
      { ...pivotIncident, message: "Alice's laptop wrote to plc-03." },
      defaultIncidentDocumentConfig,
    );
    expect(withRuleMessage.message).toBe("Alice's laptop wrote to plc-03.");
    expect(withRuleMessage.event.reason).toBe(doc.message);
  });

  it("bounds evidence (oldest and newest), keeps provenance and truncates the raw record", () => {
    const config = IncidentDocumentConfig.parse({ max_evidence: 2, max_original_chars: 10 });
    const small = shapeIncident({ ...pivotIncident, count: 40 }, config);
    expect(small.gapwatch.evidence.map((e) => e.dataset)).toEqual(["windows.security", "zeek.modbus_detailed"]);
    expect(small.gapwatch.evidence_omitted).toBe(38);
    expect(small.gapwatch.evidence[0]!.provenance).toMatchObject({
      topic: "it.edr.winlogbeat",
      partition: 2,
      offset: "88123",
    });
    expect(small.gapwatch.evidence[0]!.original).toBe('{"EventID"');
    expect(small.gapwatch.evidence[0]!.event).not.toHaveProperty("gapwatch");
    expect((small.gapwatch.evidence[0]!.event.event as Record<string, unknown>).original).toBeUndefined();
  });

  it("is deterministic: the same incident gives the same document", () => {
    expect(shapeIncident(pivotIncident, defaultIncidentDocumentConfig)).toEqual(doc);
  });

  it("maps severities to Elastic's 21/47/73/99 and keeps Enterprise-only rules to one threat entry", () => {
    const low = shapeIncident(
      variantIncident({ severity: "low", rule: { ...pivotIncident.rule, techniques: ["T1078"] } }),
      defaultIncidentDocumentConfig,
    );
    expect(low.event.severity).toBe(21);
    expect(low.threat.map((entry) => entry.framework)).toEqual(["MITRE ATT&CK"]);
  });
});

describe("splitForUpsert", () => {
  it("leaves analyst-owned fields out of the partial update and puts them in the insert", () => {
    const { id, doc: partial, upsert } = splitForUpsert(doc);
    expect(id).toBe(pivotIncident.id);
    expect(partial.gapwatch).not.toHaveProperty("status");
    expect(partial.gapwatch).not.toHaveProperty("assignee");
    expect(upsert.gapwatch.status).toBe("open");
    expect(upsert.gapwatch.assignee).toBeNull();
  });
});
