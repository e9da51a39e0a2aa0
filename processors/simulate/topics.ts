// Every raw topic a simulation can write (the run config and the demo subscribe to exactly these).
import { simTopics } from "./record.ts";

export const zeekLogs = ["conn", "modbus_detailed", "dnp3", "s7comm", "cip"] as const;

export function simulatorTopics(prefix = ""): string[] {
  return [
    simTopics.elastic,
    simTopics.sysmon,
    simTopics.crowdstrike,
    simTopics.mde,
    ...zeekLogs.map((l) => simTopics.zeek(l)),
  ].map((t) => `${prefix}${t}`);
}
