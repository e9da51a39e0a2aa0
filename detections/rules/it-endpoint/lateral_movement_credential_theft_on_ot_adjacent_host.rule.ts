// Credential theft on hosts that hold the keys to OT (jump hosts, engineering workstations, historians):
// TRITON (Mimikatz on jump hosts), Ukraine 2016 (LSASS), Volt Typhoon (NTDS, valid accounts into OT).
import { all, any, defineRule, oneOf, prefix } from "../../language/define-rule.ts";
import { EDR_ALERT } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0102",
  version: 1,
  title: "Credential theft alert on an OT-adjacent host",
  description:
    "An EDR alert for credential access (OS credential dumping, LSASS access, NTDS extraction) fired on a jump host, engineering workstation, historian or other host the site model places in the DMZ or operations zones. Those credentials are the valid accounts attackers use to reach controllers.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "high",
  risk_score: 85,
  risk_score_from: "event.risk_score",
  attack: ["T0859", "T1003"],
  references: [
    "https://attack.mitre.org/campaigns/C0030/",
    "https://attack.mitre.org/campaigns/C0025/",
    "https://www.cisa.gov/news-events/cybersecurity-advisories/aa24-038a",
  ],
  false_positives: [
    "Password auditing tools run by the security team: except their process name with the audit ticket.",
  ],
  suppression: { group_by: ["host.id"], duration: "12h" },
  kind: "match",
  match: {
    where: all(
      EDR_ALERT,
      prefix("threat.technique.id", ["T1003", "T1555", "T1558"]),
      any(
        oneOf("site.source.asset.role", ["jump_host", "ews", "historian", "hmi", "scada_server"]),
        oneOf("site.source.zone.level", [2, 3, 3.5]),
      ),
    ),
    by: ["host.id"],
  },
});
