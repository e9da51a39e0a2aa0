// A controller switched between stop/run/program modes outside an approved maintenance window or from a
// path the site model does not allow (TRITON changed the SIS controllers' mode; Industroyer stopped devices).
import { all, defineRule, oneOf } from "../../language/define-rule.ts";
import { ICS_COMMAND, NOT_ALLOWED } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0301",
  version: 2,
  title: "Controller operating mode change outside a maintenance window",
  description:
    "A PLC, RTU or safety controller received a stop, run or program-mode command (S7 PLC Stop / PLC Control, Modbus/UMAS, CIP, DNP3) outside the conduit's maintenance window, or on a path the site model does not allow.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "high",
  risk_score: 82,
  severity_overrides: [{ field: "site.destination.asset.role", equals: "sis", severity: "critical", risk_score: 98 }],
  attack: ["T0858", "T0816"],
  references: [
    "https://attack.mitre.org/software/S1009/",
    "https://attack.mitre.org/software/S0604/",
    "https://attack.mitre.org/techniques/T0858/",
  ],
  false_positives: [
    "Emergency maintenance outside the scheduled window: record it as a change and extend the window in the site model.",
  ],
  suppression: { group_by: ["destination.ip"], duration: "30m" },
  message: "{ot.function.name} to {destination.ip} from {source.ip} ({site.conduit.verdict})",
  kind: "match",
  match: {
    where: all(ICS_COMMAND(["mode_change"]), oneOf("site.conduit.verdict", NOT_ALLOWED)),
    by: ["destination.ip"],
  },
});
