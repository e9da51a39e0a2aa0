// The evaluation table over the example plant (mappings/site/plant-north.yaml): the research notes' 15 flows
// (attack-ics.md 3.4) and more, each with the verdict, conduit and reasons enrichment must give. Data, so the
// simulator and the demo can replay the same flows and expect the same verdicts.
import type { ConduitVerdict } from "../../../mappings/schema/canonical-event.ts";
import type { FlowSpec } from "../fixtures/events.ts";
import { IN_WINDOW, OUT_OF_WINDOW } from "../fixtures/plant.ts";
import { EVIDENCE_CASES } from "./evidence-cases.ts";
import type { Reason } from "./reasons.ts";

export interface EvaluationCase {
  name: string;
  flow: FlowSpec;
  verdict: ConduitVerdict;
  conduit?: string;
  reasons: Reason[];
}

const out = OUT_OF_WINDOW;
const modbus = (fn: string, action: "read" | "write" | "program_download" | "firmware" = "read") => ({
  protocol: "modbus" as const,
  action,
  fn,
});

export const EVALUATION_CASES: EvaluationCase[] = [
  {
    name: "IT workstation writes Modbus straight to a PLC",
    flow: { at: out, src: "10.10.5.23", dst: "10.60.0.11", port: 502, ot: modbus("WRITE_MULTIPLE_REGISTERS", "write") },
    verdict: "conduit_violation",
    reasons: ["no_conduit", "dmz_bypass", "level_jump"],
  },
  {
    name: "IT workstation RDPs into the EWS, skipping the jump host",
    flow: { at: out, src: "10.10.5.23", dst: "10.50.0.20", port: 3389, protocol: "rdp" },
    verdict: "bypass",
    conduit: "c-jump-scada",
    reasons: ["no_conduit", "intermediate_bypass", "dmz_bypass", "level_jump"],
  },
  {
    name: "IT workstation RDPs to the jump host",
    flow: { at: out, src: "10.10.5.23", dst: "10.30.0.10", port: 3389, protocol: "rdp" },
    verdict: "allowed",
    conduit: "c-corp-jump",
    reasons: [],
  },
  {
    name: "jump host RDPs to the EWS",
    flow: { at: out, src: "10.30.0.10", dst: "10.50.0.20", port: 3389, protocol: "rdp" },
    verdict: "allowed",
    conduit: "c-jump-scada",
    reasons: [],
  },
  {
    name: "HMI polls holding registers (routine)",
    flow: { at: out, src: "10.50.0.11", dst: "10.60.0.11", port: 502, ot: modbus("READ_HOLDING_REGISTERS") },
    verdict: "allowed",
    conduit: "c-hmi-poll",
    reasons: [],
  },
  {
    name: "PLC answers the HMI's poll (response record, judged as the request)",
    flow: {
      at: out,
      src: "10.60.0.11",
      dst: "10.50.0.11",
      port: 502,
      response: true,
      ot: modbus("READ_HOLDING_REGISTERS"),
    },
    verdict: "allowed",
    conduit: "c-hmi-poll",
    reasons: [],
  },
  {
    name: "RTU answers the SCADA server (DNP3 RESPONSE is not a command)",
    flow: {
      at: out,
      src: "10.60.0.21",
      dst: "10.50.0.5",
      port: 20000,
      response: true,
      ot: { protocol: "dnp3", action: "other", fn: "RESPONSE" },
    },
    verdict: "allowed",
    conduit: "c-hmi-poll",
    reasons: [],
  },
  {
    name: "HMI writes a setpoint (routine operator write)",
    flow: { at: out, src: "10.50.0.11", dst: "10.60.0.11", port: 502, ot: modbus("WRITE_SINGLE_REGISTER", "write") },
    verdict: "allowed",
    conduit: "c-hmi-poll",
    reasons: [],
  },
  {
    name: "HMI sends a UMAS program download",
    flow: { at: out, src: "10.50.0.11", dst: "10.60.0.11", port: 502, ot: modbus("PROGRAM_UNITY", "program_download") },
    verdict: "function_violation",
    conduit: "c-hmi-poll",
    reasons: ["function_denied", "outside_window"],
  },
  {
    name: "HMI writes multiple registers (not on the allow-list)",
    flow: { at: out, src: "10.50.0.11", dst: "10.60.0.11", port: 502, ot: modbus("WRITE_MULTIPLE_REGISTERS", "write") },
    verdict: "function_violation",
    conduit: "c-hmi-poll",
    reasons: ["function_not_allowed"],
  },
  {
    name: "EWS stops the S7 PLC outside the maintenance window",
    flow: {
      at: out,
      src: "10.50.0.20",
      dst: "10.60.0.12",
      port: 102,
      ot: { protocol: "s7comm", action: "mode_change", fn: "PLC Stop" },
    },
    verdict: "out_of_window",
    conduit: "c-ews-eng",
    reasons: ["outside_window"],
  },
  {
    name: "EWS stops the S7 PLC inside the maintenance window",
    flow: {
      at: IN_WINDOW,
      src: "10.50.0.20",
      dst: "10.60.0.12",
      port: 102,
      ot: { protocol: "s7comm", action: "mode_change", fn: "PLC Stop" },
    },
    verdict: "allowed",
    conduit: "c-ews-eng",
    reasons: [],
  },
  {
    name: "EWS downloads a program inside the maintenance window",
    flow: {
      at: IN_WINDOW,
      src: "10.50.0.20",
      dst: "10.60.0.11",
      port: 502,
      ot: modbus("PROGRAM_UNITY", "program_download"),
    },
    verdict: "allowed",
    conduit: "c-ews-eng",
    reasons: [],
  },
  {
    name: "EWS reads a PLC outside the window (window restricts engineering only)",
    flow: {
      at: out,
      src: "10.50.0.20",
      dst: "10.60.0.12",
      port: 102,
      ot: { protocol: "s7comm", action: "read", fn: "Read Variable" },
    },
    verdict: "allowed",
    conduit: "c-ews-eng",
    reasons: [],
  },
  {
    name: "SCADA cold-restarts the RTU",
    flow: {
      at: IN_WINDOW,
      src: "10.50.0.5",
      dst: "10.60.0.21",
      port: 20000,
      ot: { protocol: "dnp3", action: "restart", fn: "COLD_RESTART" },
    },
    verdict: "function_violation",
    conduit: "c-hmi-poll",
    reasons: ["function_denied"],
  },
  {
    name: "internet host talks PCOM to the Unitronics PLC",
    flow: { at: out, src: "203.0.113.7", dst: "10.60.0.13", port: 20256 },
    verdict: "conduit_violation",
    reasons: ["no_conduit", "internet_to_control", "level_jump"],
  },
  {
    name: "L3 historian pushes to the DMZ replica",
    flow: { at: out, src: "10.40.0.10", dst: "10.30.0.30", port: 5450 },
    verdict: "allowed",
    conduit: "c-hist-replicate",
    reasons: [],
  },
  {
    name: "DMZ replica initiates to the L3 historian (wrong direction)",
    flow: { at: out, src: "10.30.0.30", dst: "10.40.0.10", port: 5450 },
    verdict: "conduit_violation",
    reasons: ["no_conduit"],
  },
  {
    name: "SIS program download from the wrong workstation (the EWS)",
    flow: {
      at: IN_WINDOW,
      src: "10.50.0.20",
      dst: "10.61.0.10",
      port: 1502,
      transport: "udp",
      ot: { protocol: "other", action: "program_download", fn: "tristation:download" },
    },
    verdict: "conduit_violation",
    reasons: ["no_conduit", "safety_zone_violation"],
  },
  {
    name: "SIS program download from the SIS engineering WS in the window",
    flow: {
      at: IN_WINDOW,
      src: "10.62.0.2",
      dst: "10.61.0.10",
      port: 1502,
      transport: "udp",
      ot: { protocol: "other", action: "program_download" },
    },
    verdict: "allowed",
    conduit: "c-sis-eng",
    reasons: [],
  },
  {
    name: "SIS program download from the SIS engineering WS outside the window",
    flow: {
      at: out,
      src: "10.62.0.2",
      dst: "10.61.0.10",
      port: 1502,
      transport: "udp",
      ot: { protocol: "other", action: "program_download" },
    },
    verdict: "out_of_window",
    conduit: "c-sis-eng",
    reasons: ["outside_window", "safety_zone_violation"],
  },
  {
    name: "uninventoried host in unmapped space writes to a PLC",
    flow: { at: out, src: "10.55.0.99", dst: "10.60.0.11", port: 502, ot: modbus("WRITE_SINGLE_REGISTER", "write") },
    verdict: "conduit_violation",
    reasons: ["no_conduit", "dmz_bypass", "level_jump", "unknown_asset"],
  },
  {
    name: "HMI polls an uninventoried device in the control zone",
    flow: { at: out, src: "10.50.0.11", dst: "10.60.0.77", port: 502, ot: modbus("READ_COILS") },
    verdict: "unknown_asset",
    conduit: "c-hmi-poll",
    reasons: ["unknown_asset"],
  },
  {
    name: "PLC to PLC inside the control zone",
    flow: { at: out, src: "10.60.0.12", dst: "10.60.0.11", port: 502, ot: modbus("READ_HOLDING_REGISTERS") },
    verdict: "intra_zone",
    reasons: [],
  },
  {
    name: "Modbus to the S7 PLC, which only serves S7comm (inventory drift)",
    flow: { at: out, src: "10.60.0.11", dst: "10.60.0.12", port: 502, ot: modbus("READ_HOLDING_REGISTERS") },
    verdict: "intra_zone",
    reasons: ["unlisted_service"],
  },
  {
    name: "any traffic inside the SIS zone (intra_zone: deny)",
    flow: { at: out, src: "10.61.0.10", dst: "10.61.0.11", port: 1502, transport: "udp" },
    verdict: "conduit_violation",
    reasons: ["intra_zone_denied", "safety_zone_violation", "unknown_asset"],
  },
  {
    name: "DMZ historian replica RDPs to the EWS (not an intermediate system)",
    flow: { at: out, src: "10.30.0.30", dst: "10.50.0.20", port: 3389, protocol: "rdp" },
    verdict: "bypass",
    conduit: "c-jump-scada",
    reasons: ["intermediate_bypass"],
  },
  ...EVIDENCE_CASES,
];
