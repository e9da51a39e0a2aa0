// The named attack chains, in the order the demo injects them. Each has a file in this folder.
export const scenarioNames = [
  "phishing-to-modbus-write",
  "it-to-plc-conduit-violation",
  "vendor-remote-access-bypass",
  "frostygoop-modbus-writes",
  "s7-plc-stop",
  "dnp3-cold-restart",
] as const;
export type ScenarioNameLiteral = (typeof scenarioNames)[number];
