// What happened on an IT host, independent of which EDR saw it. Each EDR format file encodes these
// activities in that product's exact export shape; background traffic and scenarios only build activities.
import type { PlantAsset } from "../plant.ts";

export interface SimProcess {
  pid: number;
  /** Stable per-process token each format renders as its own id (GUID, entity id, falcon id). */
  token: string;
  name: string;
  executable: string;
  commandLine: string;
  /** Epoch ms the process started (MDE and FDR carry it). */
  startedAt: number;
}

export interface SimUser {
  name: string;
  domain: string;
  sid: string;
}

interface ActivityBase {
  time: number;
  host: PlantAsset;
}

export interface ProcessActivity extends ActivityBase {
  kind: "process";
  process: SimProcess;
  parent: SimProcess;
  user: SimUser;
  integrity?: "Low" | "Medium" | "High" | "System";
}

export interface NetworkActivity extends ActivityBase {
  kind: "network";
  process: SimProcess;
  user: SimUser;
  transport: "tcp" | "udp";
  direction: "egress" | "ingress";
  sourceIp: string;
  sourcePort: number;
  destinationIp: string;
  destinationPort: number;
}

export interface LogonActivity extends ActivityBase {
  kind: "logon";
  user: SimUser;
  /** Windows logon type: 2 interactive, 3 network, 10 remote interactive (RDP). */
  logonType: 2 | 3 | 7 | 10;
  sourceIp?: string;
  sourcePort?: number;
  /** Client workstation name (4624 WorkstationName, MDE RemoteDeviceName). */
  sourceName?: string;
  outcome: "success" | "failure";
  logonId: string;
}

export interface AlertActivity extends ActivityBase {
  kind: "alert";
  ruleId: string;
  ruleName: string;
  /** 0..100 as Elastic Defend reports it. */
  severity: number;
  tactic: { id: string; name: string };
  technique: { id: string; name: string };
  process: SimProcess;
  user: SimUser;
}

export type EdrActivity = ProcessActivity | NetworkActivity | LogonActivity | AlertActivity;

export const logonTypeNames: Record<number, string> = {
  2: "Interactive",
  3: "Network",
  7: "Unlock",
  10: "RemoteInteractive",
};
