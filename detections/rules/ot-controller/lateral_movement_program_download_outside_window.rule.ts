// Control logic downloaded to a controller outside an approved window or path: TRITON (TriStation program
// append to the SIS), PIPEDREAM (program download to Schneider/Omron PLCs), Stuxnet-style logic changes.
import { all, defineRule, oneOf } from "../../language/define-rule.ts";
import { ICS_COMMAND, NOT_ALLOWED } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0302",
  version: 2,
  title: "Program download to a controller outside a maintenance window",
  description:
    "A program or logic download (S7 Request Download / Download Block, Modbus UMAS, CIP, TriStation) reached a controller outside the conduit's maintenance window or on a path the site model does not allow.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "critical",
  risk_score: 92,
  attack: ["T0843", "T0889", "T0821"],
  references: [
    "https://attack.mitre.org/campaigns/C0030/",
    "https://attack.mitre.org/software/S1045/",
    "https://attack.mitre.org/techniques/T0843/",
  ],
  false_positives: [
    "Commissioning and FAT/SAT downloads: schedule them as maintenance windows on the engineering conduit.",
  ],
  suppression: { group_by: ["source.ip", "destination.ip"], duration: "1h" },
  kind: "match",
  match: {
    where: all(ICS_COMMAND(["program_download"]), oneOf("site.conduit.verdict", NOT_ALLOWED)),
    by: ["destination.ip"],
  },
});
