// A burst of ICS writes from one source to one controller: FrostyGoop sent Modbus TCP writes to ENCO
// heating controllers (Lviv, January 2024), Industroyer2 floods IEC-104 commands.
import { defineRule } from "../../language/define-rule.ts";
import { ICS_COMMAND } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0204",
  version: 2,
  title: "Burst of ICS write commands to one controller",
  description:
    "One source sent at least 20 write or control commands to one controller within one minute. HMIs write setpoints occasionally; malware such as FrostyGoop writes registers in bulk.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "high",
  risk_score: 73,
  attack: ["T0855", "T0836", "T0806"],
  references: [
    "https://attack.mitre.org/software/S1165/",
    "https://attack.mitre.org/software/S1072/",
    "https://www.welivesecurity.com/2022/04/12/industroyer2-industroyer-reloaded/",
  ],
  false_positives: [
    "Recipe downloads and batch start-up sequences from the HMI write many registers at once: except the HMI for its recipe function codes.",
  ],
  kind: "threshold",
  threshold: {
    where: ICS_COMMAND(["write", "control"]),
    by: ["source.ip", "destination.ip"],
    window: "1m",
    threshold: 20,
  },
});
