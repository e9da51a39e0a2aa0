// A remote interactive session into OT that did not go through the required intermediate system (jump host):
// NERC CIP-005 Interactive Remote Access, the Colonial Pipeline and Oldsmar lessons.
import { all, defineRule, eq } from "../../language/define-rule.ts";
import { REMOTE_SESSION } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0202",
  version: 1,
  title: "Remote session into OT bypassing the jump host",
  description:
    "A remote interactive session (RDP, SSH, VNC, WinRM, Telnet) crossed into an OT zone on a conduit that requires an intermediate system, but did not come from it. Remote access that skips the jump host skips its MFA and its recording.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "high",
  risk_score: 78,
  attack: ["T0822", "T0886", "T1133"],
  references: [
    "https://www.nerc.com/pa/Stand/Reliability%20Standards/CIP-005-7.pdf",
    "https://www.cisa.gov/news-events/cybersecurity-advisories/aa21-042a",
    "https://attack.mitre.org/techniques/T0822/",
  ],
  false_positives: [
    "Break-glass access during an outage of the jump host: it should be rare, ticketed and short; add a time-boxed exception.",
  ],
  suppression: { group_by: ["source.ip", "destination.ip"], duration: "8h" },
  message: "{network.protocol} session {source.ip} -> {destination.ip} skipped the required intermediate system",
  kind: "match",
  match: { where: all(eq("site.conduit.verdict", "bypass"), REMOTE_SESSION), by: ["source.ip"] },
});
