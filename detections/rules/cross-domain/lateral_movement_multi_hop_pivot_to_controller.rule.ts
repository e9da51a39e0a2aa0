// The multi-hop pivot laptop -> jump host -> engineering workstation -> controller (TRITON: IT -> DMZ -> DCS
// -> SIS over RDP through jump hosts; PIPEDREAM: compromise of Windows engineering workstations).
import { defineRule } from "../../language/define-rule.ts";
import { EDR_ALERT, ENGINEERING_ACTIONS, ICS_COMMAND, REMOTE_SESSION } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0402",
  version: 2,
  title: "Multi-hop pivot from a suspicious IT host to a controller",
  description:
    "A host with an EDR alert opened remote sessions that chain, host by host (jump host, engineering workstation), to a host that then sent engineering commands to a controller, all within eight hours. The path is carried from host to host by derived events, so each hop is evaluated where that host's state lives.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "critical",
  risk_score: 97,
  attack: ["T0886", "T0859", "T0843", "T1021.001"],
  references: [
    "https://attack.mitre.org/campaigns/C0030/",
    "https://www.cisa.gov/news-events/cybersecurity-advisories/aa22-103a",
    "https://cloud.google.com/blog/topics/threat-intelligence/triton-actor-ttp-profile-custom-attack-tools-detections/",
  ],
  false_positives: [
    "An administrator whose laptop raised a low-value alert (adware, PUA) doing real maintenance through the jump host: tune with an exception on the alert rule name.",
  ],
  note: "The path field lists every hop with its time and zone; verify each session with its owner, starting from the origin host.",
  kind: "path",
  path: {
    start: { where: EDR_ALERT, by: ["host.id"] },
    hop: {
      where: REMOTE_SESSION,
      from: ["site.source.host.id|source.ip"],
      to: ["site.destination.host.id", "destination.ip", "host.id"],
    },
    target: { where: ICS_COMMAND(ENGINEERING_ACTIONS), from: ["site.source.host.id|source.ip"] },
    max_hops: 4,
    min_hops: 2,
    max_age: "8h",
  },
});
