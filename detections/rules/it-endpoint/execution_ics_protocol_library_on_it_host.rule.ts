// ICS protocol libraries and command-line clients run from a host that is not an engineering workstation:
// FrostyGoop (Go Modbus client), Industroyer2 (embedded IEC-104), PIPEDREAM's Python tooling (T0807, T0853).
import { all, contains, defineRule, eq, not, oneOf } from "../../language/define-rule.ts";

const ICS_TOOLING = [
  "pymodbus",
  "modbus_tk",
  "modbus-cli",
  "mbpoll",
  "snap7",
  "python-snap7",
  "pycomm3",
  "cpppo",
  "opcua-client",
  "iec104",
  "plcscan",
  "s7scan",
];

export default defineRule({
  id: "GW-0101",
  version: 1,
  title: "ICS protocol tooling executed on a non-engineering host",
  description:
    "A process whose command line loads or runs an ICS protocol library or client (pymodbus, snap7, pycomm3, mbpoll, iec104 ...) started on a host that the site model does not list as an engineering workstation. Attack toolkits drive controllers with exactly these libraries.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "high",
  risk_score: 74,
  attack: ["T0807", "T0853", "T1059.006"],
  references: [
    "https://attack.mitre.org/software/S1165/",
    "https://attack.mitre.org/software/S1045/",
    "https://attack.mitre.org/techniques/T0853/",
  ],
  false_positives: ["OT engineers' test scripts on lab machines: keep labs in their own zone and except it."],
  suppression: { group_by: ["host.id"], duration: "4h" },
  message: "{process.name} on {host.name}: {process.command_line}",
  kind: "match",
  match: {
    where: all(
      eq("event.category", "process"),
      contains("process.command_line", ICS_TOOLING),
      not(oneOf("site.source.asset.role", ["ews", "engineering_workstation"])),
    ),
    by: ["host.id"],
  },
});
