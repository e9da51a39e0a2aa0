// CrowdStrike Falcon Data Replicator events (gzip NDJSON from S3 in production, bridged one event per Kafka
// message): every value a string, `aid` the host key, `aip` the NAT address the cloud saw, event time in
// `ContextTimeStamp` (s) and `timestamp` (ms). Shapes from elastic/integrations crowdstrike fdr test data.
import type { PlantAsset } from "../plant.ts";
import type { EdrActivity, SimProcess } from "./edr-activity.ts";

const customerId = "4e2fd4c7b9a84f1e8d0f6a1b2c3d4e5f";
const natAddress = "192.0.2.10";

/** Falcon process ids are large decimal numbers, unique per host. */
function falconId(process: SimProcess): string {
  return String(BigInt(`0x${process.token.replaceAll("-", "").slice(0, 12)}`));
}

function envelope(activity: EdrActivity, simpleName: string, schema: string): Record<string, string> {
  const host: PlantAsset = activity.host;
  return {
    event_simpleName: simpleName,
    name: schema,
    aid: host.edr?.id ?? "",
    aip: natAddress,
    cid: customerId,
    event_platform: "Win",
    timestamp: String(Math.floor(activity.time) + 431),
    ContextTimeStamp: (activity.time / 1000).toFixed(3),
    ConfigBuild: "1007.3.0018806.1",
    id: `${host.edr?.id?.slice(0, 8)}-${Math.floor(activity.time).toString(16)}-${simpleName.length}`,
  };
}

export function encodeCrowdstrikeFdr(activity: EdrActivity): Record<string, string> | undefined {
  const host = activity.host;
  switch (activity.kind) {
    case "process":
      return {
        ...envelope(activity, "ProcessRollup2", "ProcessRollup2V19"),
        TargetProcessId: falconId(activity.process),
        ParentProcessId: falconId(activity.parent),
        RawProcessId: String(activity.process.pid),
        ImageFileName: `\\Device\\HarddiskVolume3${activity.process.executable.slice(2)}`,
        CommandLine: activity.process.commandLine,
        ParentBaseFileName: activity.parent.name,
        UserSid: activity.user.sid,
        UserName: activity.user.name,
        AuthenticationId: "999",
        ProcessStartTime: (activity.process.startedAt / 1000).toFixed(3),
        ComputerName: host.hostname.toUpperCase(),
        SHA256HashData: activity.process.token.replaceAll("-", "").padEnd(64, "0").slice(0, 64),
      };
    case "network":
      return {
        ...envelope(
          activity,
          activity.direction === "egress" ? "NetworkConnectIP4" : "NetworkReceiveAcceptIP4",
          activity.direction === "egress" ? "NetworkConnectIP4V5" : "NetworkReceiveAcceptIP4V5",
        ),
        ContextProcessId: falconId(activity.process),
        LocalAddressIP4: activity.direction === "egress" ? activity.sourceIp : activity.destinationIp,
        LocalPort: String(activity.direction === "egress" ? activity.sourcePort : activity.destinationPort),
        RemoteAddressIP4: activity.direction === "egress" ? activity.destinationIp : activity.sourceIp,
        RemotePort: String(activity.direction === "egress" ? activity.destinationPort : activity.sourcePort),
        Protocol: activity.transport === "tcp" ? "6" : "17",
        ConnectionDirection: activity.direction === "egress" ? "0" : "1",
        ConnectionFlags: "0",
        InContext: "0",
      };
    case "logon":
      return {
        ...envelope(
          activity,
          activity.outcome === "success" ? "UserLogon" : "UserLogonFailed2",
          activity.outcome === "success" ? "UserLogonV8" : "UserLogonFailed2V2",
        ),
        UserName: activity.user.name,
        UserPrincipal: `${activity.user.name}@${host.domain}`,
        UserSid: activity.user.sid,
        LogonDomain: activity.user.domain,
        LogonServer: "DC01",
        LogonType: String(activity.logonType),
        LogonTime: (activity.time / 1000).toFixed(3),
        AuthenticationPackage: activity.logonType === 3 ? "NTLM" : "Negotiate",
        UserIsAdmin: "0",
        RemoteAccount: activity.sourceIp ? "1" : "0",
        ...(activity.sourceName ? { ClientComputerName: activity.sourceName } : {}),
        ...(activity.sourceIp ? { RemoteAddressIP4: activity.sourceIp } : {}),
      };
    case "alert":
      // FDR carries raw telemetry; Falcon detections arrive through the event streams API, not FDR.
      return undefined;
  }
}

/** FDR's interface inventory event: feeds gapwatch's IP/MAC -> aid lease table. */
export function encodeFdrLocalAddress(host: PlantAsset, time: number): Record<string, string> {
  return {
    event_simpleName: "LocalIpAddressIP4",
    name: "LocalIpAddressIP4V1",
    aid: host.edr?.id ?? "",
    aip: natAddress,
    cid: customerId,
    event_platform: "Win",
    timestamp: String(Math.floor(time)),
    ContextTimeStamp: (time / 1000).toFixed(3),
    LocalAddressIP4: host.ip,
    PhysicalAddress: host.mac.replaceAll(":", "-"),
    InterfaceAlias: "Ethernet0",
    InterfaceIndex: "6",
  };
}
