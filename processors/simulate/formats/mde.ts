// Microsoft Defender for Endpoint streaming API records as Event Hubs delivers them: an envelope with
// `records[]`, each an Advanced Hunting row under `properties`; event time is `properties.Timestamp`, the
// envelope `time` is when MDE received it (minutes later). Shape from MicrosoftDocs raw-data-export-event-hub.
import type { PlantAsset } from "../plant.ts";
import { iso7 } from "../record.ts";
import { type EdrActivity, logonTypeNames, type SimProcess } from "./edr-activity.ts";

const tenantId = "0f4c5e1a-9b2d-4c7e-8a61-3d5f7b9e2c10";

function deviceName(host: PlantAsset): string {
  return `${host.hostname}.${host.domain}`.toLowerCase();
}

function initiating(process: SimProcess, account: { name: string; domain: string; sid: string }) {
  return {
    InitiatingProcessFileName: process.name,
    InitiatingProcessFolderPath: process.executable,
    InitiatingProcessId: process.pid,
    InitiatingProcessCommandLine: process.commandLine,
    InitiatingProcessCreationTime: iso7(process.startedAt),
    InitiatingProcessAccountName: account.name,
    InitiatingProcessAccountDomain: account.domain.toLowerCase(),
    InitiatingProcessAccountSid: account.sid,
  };
}

/** `lagMs` is how late MDE received the row (the envelope's `time`). */
export function encodeMde(activity: EdrActivity, reportId: number, lagMs: number): Record<string, unknown> | undefined {
  const host = activity.host;
  const row: Record<string, unknown> = {
    Timestamp: iso7(activity.time, reportId),
    DeviceId: host.edr?.id,
    DeviceName: deviceName(host),
    ReportId: reportId,
    MachineGroup: host.zone === "z-corp" ? "Corporate" : "OT",
  };
  let category: string;
  switch (activity.kind) {
    case "process":
      category = "AdvancedHunting-DeviceProcessEvents";
      Object.assign(row, {
        ActionType: "ProcessCreated",
        FileName: activity.process.name,
        FolderPath: activity.process.executable,
        ProcessId: activity.process.pid,
        ProcessCommandLine: activity.process.commandLine,
        ProcessCreationTime: iso7(activity.process.startedAt),
        AccountDomain: activity.user.domain.toLowerCase(),
        AccountName: activity.user.name,
        AccountSid: activity.user.sid,
        LogonId: 999,
        SHA256: activity.process.token.replaceAll("-", "").padEnd(64, "0").slice(0, 64),
        ...initiating(activity.parent, activity.user),
      });
      break;
    case "network":
      category = "AdvancedHunting-DeviceNetworkEvents";
      Object.assign(row, {
        ActionType: activity.direction === "egress" ? "ConnectionSuccess" : "InboundConnectionAccepted",
        LocalIP: activity.direction === "egress" ? activity.sourceIp : activity.destinationIp,
        LocalPort: activity.direction === "egress" ? activity.sourcePort : activity.destinationPort,
        RemoteIP: activity.direction === "egress" ? activity.destinationIp : activity.sourceIp,
        RemotePort: activity.direction === "egress" ? activity.destinationPort : activity.sourcePort,
        RemoteIPType: activity.destinationIp.startsWith("10.") ? "Private" : "Public",
        Protocol: activity.transport === "tcp" ? "Tcp" : "Udp",
        LocalIPType: "Private",
        ...initiating(activity.process, activity.user),
      });
      break;
    case "logon":
      category = "AdvancedHunting-DeviceLogonEvents";
      Object.assign(row, {
        ActionType: activity.outcome === "success" ? "LogonSuccess" : "LogonFailed",
        AccountDomain: activity.user.domain.toLowerCase(),
        AccountName: activity.user.name,
        AccountSid: activity.user.sid,
        LogonType: logonTypeNames[activity.logonType],
        LogonId: Number.parseInt(activity.logonId, 16),
        Protocol: activity.logonType === 3 ? "NTLM" : "Negotiate",
        IsLocalAdmin: false,
        AdditionalFields: JSON.stringify({ IsLocalLogon: activity.sourceIp === undefined }),
        ...(activity.sourceIp
          ? { RemoteIP: activity.sourceIp, RemoteIPType: "Private", RemotePort: activity.sourcePort ?? 0 }
          : {}),
        ...(activity.sourceName ? { RemoteDeviceName: activity.sourceName } : {}),
      });
      break;
    case "alert":
      // Alerts come through the AlertInfo/AlertEvidence tables, which gapwatch does not read.
      return undefined;
  }
  return {
    records: [
      {
        time: iso7(activity.time + lagMs),
        tenantId,
        operationName: "Publish",
        category,
        properties: row,
      },
    ],
  };
}
