// One IT host reaching many distinct addresses in the control levels in a short time: ICS reconnaissance
// (Industroyer's and PIPEDREAM's remote system discovery, T0846).
import { all, any, defineRule, eq, exists } from "../../language/define-rule.ts";
import { FROM_IT_LEVELS, TO_CONTROL_LEVELS } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0203",
  version: 1,
  title: "IT host scanning OT addresses",
  description:
    "A host on the IT side (enterprise zones, or an address the site model does not know) contacted at least 16 distinct addresses in Purdue levels 0-2 within ten minutes. Controllers are rarely enumerated by anything but inventory tools and attackers.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "medium",
  risk_score: 60,
  attack: ["T0846", "T0888", "T1046"],
  references: [
    "https://attack.mitre.org/software/S0604/",
    "https://attack.mitre.org/software/S1045/",
    "https://attack.mitre.org/techniques/T0846/",
  ],
  false_positives: [
    "Passive-first asset inventory tools that also probe actively on a schedule: except their addresses.",
  ],
  exceptions: [
    { comment: "Example: the OT asset inventory appliance (CHG-2041)", field: "source.ip", values: ["10.40.0.250"] },
  ],
  kind: "distinct",
  distinct: {
    // IT side: an enterprise zone, an address the site model does not know, or no zone at all. HMIs and
    // SCADA servers in level 3 legitimately poll hundreds of controllers and are not "IT hosts".
    where: all(
      TO_CONTROL_LEVELS,
      any(FROM_IT_LEVELS, eq("site.source.unknown_asset", true), exists("site.source.zone", false)),
    ),
    by: ["source.ip"],
    field: "destination.ip",
    window: "10m",
    threshold: 16,
  },
});
