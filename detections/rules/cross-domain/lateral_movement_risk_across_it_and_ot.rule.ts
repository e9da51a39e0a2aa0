// Risk-based alerting across the IT and OT halves of one entity: EDR alerts (Enterprise tactics) and OT
// findings (ICS tactics) that are each too weak alone. The dwell times of Ukraine 2015 (~6 months),
// TRITON (~1 year) and Volt Typhoon (~300 days at LELWD) make a day-long window a floor, not a ceiling.
import { defineRule, eq, oneOf } from "../../language/define-rule.ts";
import { EDR_ALERT, ENGINEERING_ACTIONS, ICS_COMMAND, NOT_ALLOWED } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0404",
  version: 2,
  title: "Risk accumulated across IT and OT on one host",
  description:
    "Within 24 hours one host collected EDR alerts, OT findings (conduit violations, engineering commands, ICS discovery) and incidents of other gapwatch rules (detection signals) whose capped risk reaches 150, or which span four distinct ATT&CK tactics across the Enterprise and ICS matrices.",
  author: ["gapwatch"],
  maturity: "experimental",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "high",
  risk_score: 85,
  attack: ["T0886", "T0859", "T0846"],
  references: [
    "https://www.cisa.gov/news-events/cybersecurity-advisories/aa24-038a",
    "https://attack.mitre.org/campaigns/C0028/",
    "https://www.elastic.co/guide/en/security/8.x/prebuilt-rule-8-4-1-multiple-alerts-in-different-att-ck-tactics-on-a-single-host.html",
  ],
  false_positives: [
    "Engineering workstations during commissioning produce OT findings every day; raise the caps or add exceptions for commissioning hosts.",
  ],
  suppression: { group_by: ["host.id|site.source.host.id|source.ip"], duration: "24h" },
  kind: "risk",
  risk: {
    window: "24h",
    score_threshold: 150,
    distinct_tactics: 4,
    contributions: [
      // Incidents of other gapwatch rules (detection signals), credited with their own techniques and risk.
      {
        name: "detection",
        where: eq("event.dataset", "gapwatch.signal"),
        by: ["host.id"],
        score: { field: "event.risk_score", default: 50 },
        // Per contributing rule: one rule repeating cannot escalate alone.
        cap: 80,
        cap_by: "event.action",
      },
      {
        name: "edr_alert",
        where: EDR_ALERT,
        by: ["host.id"],
        score: { field: "event.risk_score", default: 40 },
        cap: 90,
      },
      {
        name: "conduit_finding",
        where: oneOf("site.conduit.verdict", NOT_ALLOWED),
        by: ["site.source.host.id|source.ip"],
        score: 35,
        tactics: ["TA0109"],
        cap: 70,
      },
      {
        name: "engineering_command",
        where: ICS_COMMAND(ENGINEERING_ACTIONS),
        by: ["site.source.host.id|source.ip"],
        score: 20,
        tactics: ["TA0106"],
        cap: 40,
      },
      {
        name: "ics_discovery",
        where: ICS_COMMAND(["discovery"]),
        by: ["site.source.host.id|source.ip"],
        score: 15,
        tactics: ["TA0102"],
        cap: 30,
      },
    ],
  },
});
