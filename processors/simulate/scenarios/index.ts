// Registry of the named attack chains (one file each); names.ts fixes their order.
import { dnp3ColdRestart } from "./dnp3-cold-restart.ts";
import { frostygoopModbusWrites } from "./frostygoop-modbus-writes.ts";
import { itToPlcConduitViolation } from "./it-to-plc-conduit-violation.ts";
import type { ScenarioNameLiteral } from "./names.ts";
import { phishingToModbusWrite } from "./phishing-to-modbus-write.ts";
import { s7PlcStop } from "./s7-plc-stop.ts";
import type { Scenario } from "./scenario.ts";
import { vendorRemoteAccessBypass } from "./vendor-remote-access-bypass.ts";

export const scenarios: Record<ScenarioNameLiteral, Scenario> = {
  "phishing-to-modbus-write": phishingToModbusWrite,
  "it-to-plc-conduit-violation": itToPlcConduitViolation,
  "vendor-remote-access-bypass": vendorRemoteAccessBypass,
  "frostygoop-modbus-writes": frostygoopModbusWrites,
  "s7-plc-stop": s7PlcStop,
  "dnp3-cold-restart": dnp3ColdRestart,
};
