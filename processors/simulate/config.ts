// What the simulator builds: the size of the plant, how busy its background traffic is, which attack
// scenarios are injected and when. Every default is the demo's plant; the benchmarks scale it up.
import { z } from "zod";
import { scenarioNames } from "./scenarios/names.ts";

export const EdrMixConfig = z
  .strictObject({
    elastic: z.number().min(0).default(0.4).describe("Share of IT hosts running Elastic Defend"),
    sysmon: z.number().min(0).default(0.3).describe("Share running Sysmon shipped by Winlogbeat"),
    crowdstrike: z.number().min(0).default(0.15).describe("Share running CrowdStrike Falcon (FDR export)"),
    mde: z.number().min(0).default(0.15).describe("Share running Microsoft Defender for Endpoint (streaming API)"),
  })
  .refine((mix) => mix.elastic + mix.sysmon + mix.crowdstrike + mix.mde > 0, "at least one EDR share must be > 0");
export type EdrMixConfig = z.infer<typeof EdrMixConfig>;

export const PlantSizeConfig = z.strictObject({
  itHosts: z.number().int().min(4).max(50_000).default(300).describe("Corporate (Level 4) workstations with EDR"),
  hmis: z.number().int().min(1).max(50).default(3).describe("Operator HMIs in the supervisory zone"),
  engineeringWorkstations: z.number().int().min(1).max(20).default(2).describe("EWS in the supervisory zone"),
  modbusPlcs: z.number().int().min(1).max(200).default(6).describe("Modbus/TCP PLCs in the control zone"),
  s7Plcs: z.number().int().min(1).max(200).default(3).describe("Siemens S7 PLCs (S7comm) in the control zone"),
  enipPlcs: z.number().int().min(1).max(200).default(2).describe("Rockwell PLCs (EtherNet/IP CIP)"),
  rtus: z.number().int().min(1).max(200).default(3).describe("DNP3 outstations (RTUs)"),
  ioModules: z.number().int().min(0).max(500).default(6).describe("Field (Level 0) Modbus I/O modules polled by PLCs"),
});
export type PlantSizeConfig = z.infer<typeof PlantSizeConfig>;

export const TrafficConfig = z.strictObject({
  processStartsPerHostPerHour: z.number().min(0).default(30),
  connectionsPerHostPerHour: z.number().min(0).default(90),
  logonsPerHostPerHour: z.number().min(0).default(2),
  modbusPollSeconds: z.number().positive().default(2).describe("SCADA server poll period per Modbus PLC"),
  hmiPollSeconds: z.number().positive().default(5).describe("HMI poll period per controller it displays"),
  s7PollSeconds: z.number().positive().default(2),
  dnp3PollSeconds: z.number().positive().default(10).describe("DNP3 class 0 integrity poll period"),
  enipPollSeconds: z.number().positive().default(2),
  fieldPollSeconds: z.number().positive().default(5).describe("PLC poll period per field I/O module"),
  operatorWritesPerHour: z.number().min(0).default(6).describe("Allowed HMI setpoint writes to Modbus PLCs"),
  engineerSessionsPerHour: z.number().min(0).default(2).describe("Legitimate corp -> jump host -> HMI/EWS RDP"),
  sessionMinutes: z.number().positive().default(5).describe("Zeek conn.log rotation of long-lived polls"),
  benignEdrAlertsPerHour: z.number().min(0).default(0).describe("Low-severity EDR alerts on IT hosts (no OT)"),
});
export type TrafficConfig = z.infer<typeof TrafficConfig>;

export const ScenarioName = z.enum(scenarioNames);
export type ScenarioName = z.infer<typeof ScenarioName>;

export const SimulateConfig = z
  .strictObject({
    seed: z.string().default("gapwatch").describe("Same seed, same plant, traffic and attacks"),
    start: z.iso.datetime().default("2026-03-10T14:00:00.000Z").describe("Event time of the first record"),
    durationMinutes: z
      .number()
      .positive()
      .max(7 * 24 * 60)
      .default(30)
      .describe("Simulated time span"),
    site: z.strictObject({ id: z.string().default("plant-demo"), name: z.string().default("Demo water & CHP plant") }),
    plant: PlantSizeConfig,
    traffic: TrafficConfig,
    edrMix: EdrMixConfig,
    scenarios: z
      .array(ScenarioName)
      .default([...scenarioNames])
      .describe("Attack chains to inject, in order"),
    firstScenarioAtMinutes: z.number().min(0).default(5).describe("When the first chain starts"),
    scenarioSpacingMinutes: z.number().positive().default(3).describe("Gap between the starts of two chains"),
  })
  .refine(
    (c) =>
      c.scenarios.length === 0 ||
      c.firstScenarioAtMinutes + (c.scenarios.length - 1) * c.scenarioSpacingMinutes + 10 <= c.durationMinutes,
    {
      message:
        "durationMinutes is too short for the scenarios: it must cover firstScenarioAtMinutes + (scenarios - 1) * scenarioSpacingMinutes + 10 (the longest chain)",
      path: ["durationMinutes"],
    },
  );
export type SimulateConfig = z.infer<typeof SimulateConfig>;

/** The config with every default filled; `overrides` may be partial at every level. */
export function simulateConfig(overrides: unknown = {}): SimulateConfig {
  const input = (overrides ?? {}) as Record<string, unknown>;
  return SimulateConfig.parse({
    ...input,
    site: input.site ?? {},
    plant: input.plant ?? {},
    traffic: input.traffic ?? {},
    edrMix: input.edrMix ?? {},
  });
}
