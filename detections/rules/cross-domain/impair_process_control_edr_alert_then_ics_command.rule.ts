// An EDR alert on a host, then that same host sends an ICS write, control or program command: the
// "legitimate path, illegitimate actor" problem of TRITON and Sandworm (ATT&CK for ICS C0030, C0034).
import { defineRule } from "../../language/define-rule.ts";
import { EDR_ALERT, ENGINEERING_ACTIONS, ICS_COMMAND } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0401",
  version: 2,
  title: "EDR alert on a host followed by ICS commands from that host",
  description:
    "An endpoint alert fired on a host and, within four hours, the same host (resolved by the identity lease of its address, or the address itself) sent ICS write, control, program, mode-change, restart or firmware commands. Engineering traffic from a host that is under attack is the moment an IT intrusion becomes an OT incident.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "critical",
  risk_score: 90,
  attack: ["T0855", "T0843", "T0859"],
  references: [
    "https://attack.mitre.org/campaigns/C0030/",
    "https://attack.mitre.org/campaigns/C0034/",
    "https://www.cisa.gov/news-events/cybersecurity-advisories/aa22-103a",
  ],
  false_positives: [
    "An EDR alert for benign engineering software (e.g. a vendor tool flagged as a hacking tool) on a real engineering workstation during planned work: confirm with the change ticket, then add an exception for the alert rule name.",
  ],
  note: "Isolate nothing in OT before talking to operations. Check the EDR alert, the commands sent (evidence), and whether the change was planned.",
  suppression: { group_by: ["site.source.host.id"], duration: "4h" },
  message: "ICS {ot.protocol} {ot.action} to {destination.ip} from {key} after an EDR alert on it",
  kind: "sequence",
  sequence: {
    maxspan: "4h",
    steps: [
      { name: "edr_alert", where: EDR_ALERT, by: ["host.id"] },
      {
        name: "ics_command",
        where: ICS_COMMAND(ENGINEERING_ACTIONS),
        by: ["site.source.host.id|source.ip"],
      },
    ],
  },
});
