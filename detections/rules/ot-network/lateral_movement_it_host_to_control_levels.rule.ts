// An enterprise-zone host talking straight to Purdue levels 0-2 with no conduit: the FrostyGoop pattern
// (an edge router not segmented from ENCO controllers, Modbus TCP from outside) and the Unitronics defacements.
import { all, defineRule, oneOf } from "../../language/define-rule.ts";
import { FROM_IT_LEVELS, TO_CONTROL_LEVELS } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0201",
  version: 1,
  title: "IT-zone host talking directly to control levels (conduit violation)",
  description:
    "A host in an enterprise zone (Purdue level 4 or 5) reached a device in levels 0-2 on a crossing that no conduit of the site model allows (or that skips levels). Segmentation that should stop this exists on paper only.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "high",
  risk_score: 75,
  severity_overrides: [
    { field: "site.destination.asset.criticality", equals: "safety", severity: "critical", risk_score: 95 },
  ],
  attack: ["T0886", "T0885", "T0883"],
  references: [
    "https://attack.mitre.org/software/S1165/",
    "https://www.dragos.com/blog/protect-against-frostygoop-ics-malware-targeting-operational-technology/",
    "https://attack.mitre.org/campaigns/C0031/",
  ],
  false_positives: [
    "Historian or OPC servers that poll PLCs from level 3 by design: model them as a conduit in the site model instead of excepting them here.",
    "Vulnerability scanners in the IT range sweeping OT: they read, rarely write; except the scanner's address with a comment.",
  ],
  suppression: { group_by: ["source.ip", "destination.ip"], duration: "1h" },
  message:
    "{source.ip} (level {site.source.zone.level}) reached {destination.ip} (level {site.destination.zone.level}) with no conduit",
  kind: "match",
  match: {
    where: all(oneOf("site.conduit.verdict", ["conduit_violation", "level_jump"]), FROM_IT_LEVELS, TO_CONTROL_LEVELS),
    by: ["source.ip"],
  },
});
