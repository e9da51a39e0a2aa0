// Cold/warm restarts of controllers and RTUs outside a window (Ukraine 2015/2016: serial-to-Ethernet gateways
// and RTUs restarted or bricked; DNP3 COLD_RESTART; Industroyer's restart of protection relays).
import { all, defineRule, oneOf } from "../../language/define-rule.ts";
import { ICS_COMMAND, NOT_ALLOWED } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0304",
  version: 2,
  title: "Controller restart outside a maintenance window",
  description:
    "A controller, RTU or IED received a cold or warm restart command (DNP3 COLD_RESTART/WARM_RESTART, S7 PLC Control, Modbus restart communications) outside the conduit's maintenance window or on a path the site model does not allow.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "high",
  risk_score: 80,
  attack: ["T0816", "T0814"],
  references: [
    "https://attack.mitre.org/campaigns/C0028/",
    "https://attack.mitre.org/software/S0604/",
    "https://www.cisa.gov/news-events/ics-alerts/ir-alert-h-16-056-01",
  ],
  false_positives: [
    "Operators restarting a hung RTU during an incident: confirm with the control room and record the change.",
  ],
  suppression: { group_by: ["destination.ip"], duration: "1h" },
  kind: "match",
  match: { where: all(ICS_COMMAND(["restart"]), oneOf("site.conduit.verdict", NOT_ALLOWED)), by: ["destination.ip"] },
});
