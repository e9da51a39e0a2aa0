// Remote-access tooling started on an engineering workstation, then ICS traffic from it: the Oldsmar
// pattern (TeamViewer on a plant workstation) and the remote-access abuse CISA warns about for OT.
import { any, defineRule, oneOf, suffix } from "../../language/define-rule.ts";
import { ICS_TRAFFIC } from "../vocabulary.ts";

const REMOTE_ACCESS_TOOLS = [
  "teamviewer.exe",
  "teamviewer_service.exe",
  "anydesk.exe",
  "screenconnect.clientservice.exe",
  "screenconnect.windowsclient.exe",
  "rustdesk.exe",
  "atera_agent.exe",
  "splashtop.exe",
  "ammyy_admin.exe",
  "rutserv.exe",
  "ngrok.exe",
  "plink.exe",
];

export default defineRule({
  id: "GW-0403",
  version: 1,
  title: "Remote-access tool on an engineering workstation followed by ICS traffic",
  description:
    "A remote-access or tunnelling tool (TeamViewer, AnyDesk, ScreenConnect, RustDesk, ngrok, plink, ...) started on a host the site model lists as an engineering workstation or HMI, and within two hours that host sent ICS traffic. An outside party may be driving engineering software.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "high",
  risk_score: 80,
  attack: ["T0822", "T0886", "T1219"],
  references: [
    "https://www.cisa.gov/news-events/cybersecurity-advisories/aa21-042a",
    "https://www.cisa.gov/news-events/cybersecurity-advisories/aa23-025a",
    "https://attack.mitre.org/techniques/T0822/",
  ],
  false_positives: [
    "Vendor support sessions arranged through a ticket: add the vendor's tool and host as an exception for the support window, or broker vendors through the jump host.",
  ],
  exceptions: [
    {
      comment: "Example: site-approved remote support tool on the training EWS",
      field: "host.name",
      values: ["ews-training"],
    },
  ],
  suppression: { group_by: ["host.id"], duration: "2h" },
  kind: "sequence",
  sequence: {
    maxspan: "2h",
    steps: [
      {
        name: "remote_tool",
        where: {
          all: [
            { field: "event.category", equals: "process" },
            any(suffix("process.name", REMOTE_ACCESS_TOOLS), suffix("process.executable", REMOTE_ACCESS_TOOLS)),
            oneOf("site.source.asset.role", ["ews", "hmi", "engineering_workstation"]),
          ],
        },
        by: ["host.id"],
      },
      { name: "ics_traffic", where: ICS_TRAFFIC, by: ["site.source.host.id|source.ip"] },
    ],
  },
});
