// Cases of the evaluation table that turn on evidence beyond the packets: the account behind a session
// (identities, allowed zones), MFA and change tickets reported by a broker (labels.mfa, labels.ticket), and
// vendor maintenance windows.
import { OUT_OF_WINDOW, VENDOR_WINDOW } from "../fixtures/plant.ts";
import type { EvaluationCase } from "./evaluation-cases.ts";

const out = OUT_OF_WINDOW;

export const EVIDENCE_CASES: EvaluationCase[] = [
  {
    name: "RDP to the jump host without MFA (broker says no MFA)",
    flow: { at: out, src: "10.10.5.23", dst: "10.30.0.10", port: 3389, protocol: "rdp", labels: { mfa: "false" } },
    verdict: "bypass",
    conduit: "c-corp-jump",
    reasons: ["no_mfa_evidence"],
  },
  {
    name: "finance user RDPs to the jump host",
    flow: {
      at: out,
      src: "10.10.5.23",
      dst: "10.30.0.10",
      port: 3389,
      protocol: "rdp",
      user: { name: "bob", domain: "CORP" },
    },
    verdict: "conduit_violation",
    conduit: "c-corp-jump",
    reasons: ["identity_not_allowed", "identity_zone_not_allowed"],
  },
  {
    name: "engineer (UPN) RDPs to the jump host",
    flow: {
      at: out,
      src: "10.10.5.23",
      dst: "10.30.0.10",
      port: 3389,
      protocol: "rdp",
      user: { name: "alice@corp.example" },
    },
    verdict: "allowed",
    conduit: "c-corp-jump",
    reasons: [],
  },
  {
    name: "vendor reaches the broker in its window with ticket and MFA",
    flow: {
      at: VENDOR_WINDOW,
      src: "198.51.100.20",
      dst: "10.30.0.20",
      port: 443,
      protocol: "ssl",
      labels: { mfa: "true", ticket: "CHG-1234" },
    },
    verdict: "allowed",
    conduit: "c-vendor-broker",
    reasons: [],
  },
  {
    name: "vendor reaches the broker outside its window",
    flow: {
      at: out,
      src: "198.51.100.20",
      dst: "10.30.0.20",
      port: 443,
      protocol: "ssl",
      labels: { mfa: "true", ticket: "CHG-1234" },
    },
    verdict: "out_of_window",
    conduit: "c-vendor-broker",
    reasons: ["outside_window"],
  },
  {
    name: "vendor reaches the broker in its window without a ticket",
    flow: {
      at: VENDOR_WINDOW,
      src: "198.51.100.20",
      dst: "10.30.0.20",
      port: 443,
      protocol: "ssl",
      labels: { mfa: "true", ticket: "" },
    },
    verdict: "out_of_window",
    conduit: "c-vendor-broker",
    reasons: ["no_ticket_evidence"],
  },
  {
    name: "engineer's laptop reaches the web (allowed_zones does not restrict the internet)",
    flow: {
      at: out,
      src: "10.10.5.23",
      dst: "93.184.216.34",
      port: 443,
      protocol: "ssl",
      user: { name: "CORP\\alice" },
    },
    verdict: "allowed",
    conduit: "c-corp-internet",
    reasons: [],
  },
  {
    name: "engineer's laptop reaches a corporate server (her own zone)",
    flow: { at: out, src: "10.10.5.23", dst: "10.10.7.7", port: 445, protocol: "smb", user: { name: "CORP\\alice" } },
    verdict: "intra_zone",
    reasons: [],
  },
];
