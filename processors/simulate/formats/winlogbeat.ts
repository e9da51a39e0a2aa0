// Sysmon (events 1 and 3) and Windows Security 4624 as Winlogbeat 8.x ships them: ECS fields plus the
// original `winlog.event_data` (elastic/integrations windows sysmon_operational and system.security samples).
import type { PlantAsset } from "../plant.ts";
import { iso } from "../record.ts";
import { type EdrActivity, logonTypeNames, type SimProcess } from "./edr-activity.ts";

/** Sysmon ProcessGuid: {machine-part-time-part-counter} in upper-case hex. */
function processGuid(host: PlantAsset, process: SimProcess): string {
  const machine = (host.edr?.id ?? "00000000").replaceAll("-", "").slice(0, 8).toUpperCase();
  const token = process.token.replaceAll("-", "").toUpperCase().padEnd(16, "0");
  return `{${machine}-${token.slice(0, 4)}-${token.slice(4, 8)}-${token.slice(8, 12)}-0000000${token.slice(12, 16)}00}`;
}

function fqdn(host: PlantAsset): string {
  return `${host.hostname}.${host.domain}`;
}

function common(activity: EdrActivity, channel: string, eventId: string, provider: string, recordId: number) {
  const host = activity.host;
  return {
    "@timestamp": iso(activity.time),
    agent: {
      ephemeral_id: `${host.edr?.id}`,
      id: host.edr?.id,
      name: host.hostname.toUpperCase(),
      type: "winlogbeat",
      version: "8.19.2",
    },
    ecs: { version: "8.0.0" },
    host: {
      name: fqdn(host),
      hostname: host.hostname.toUpperCase(),
      os: {
        family: "windows",
        kernel: "10.0.20348.2402",
        name: "Windows Server 2022 Standard",
        platform: "windows",
        type: "windows",
        version: "10.0",
      },
    },
    log: { level: "information" },
    winlog: {
      api: "wineventlog",
      channel,
      computer_name: fqdn(host).toUpperCase(),
      event_id: eventId,
      provider_name: provider,
      record_id: String(recordId),
      process: { pid: 3120, thread: { id: 4172 } },
    },
  };
}

const sysmonProvider = "Microsoft-Windows-Sysmon";

function utcTime(ms: number): string {
  return iso(ms).replace("T", " ").replace("Z", "");
}

export function encodeWinlogbeat(activity: EdrActivity, recordId: number): Record<string, unknown> | undefined {
  const host = activity.host;
  switch (activity.kind) {
    case "process": {
      const base = common(activity, "Microsoft-Windows-Sysmon/Operational", "1", sysmonProvider, recordId);
      const user = `${activity.user.domain}\\${activity.user.name}`;
      return {
        ...base,
        event: {
          action: "Process Create (rule: ProcessCreate)",
          category: ["process"],
          code: "1",
          created: iso(activity.time),
          kind: "event",
          module: "sysmon",
          provider: sysmonProvider,
          type: ["start"],
        },
        message: `Process Create:\nImage: ${activity.process.executable}\nCommandLine: ${activity.process.commandLine}`,
        process: {
          entity_id: processGuid(host, activity.process),
          pid: activity.process.pid,
          executable: activity.process.executable,
          name: activity.process.name,
          command_line: activity.process.commandLine,
          args: activity.process.commandLine.split(" ").filter(Boolean),
          working_directory: "C:\\Windows\\system32\\",
          parent: {
            entity_id: processGuid(host, activity.parent),
            pid: activity.parent.pid,
            executable: activity.parent.executable,
            name: activity.parent.name,
            command_line: activity.parent.commandLine,
          },
        },
        user: { domain: activity.user.domain, name: activity.user.name },
        related: { user: [activity.user.name] },
        winlog: {
          ...base.winlog,
          event_data: {
            RuleName: "-",
            UtcTime: utcTime(activity.time),
            ProcessGuid: processGuid(host, activity.process),
            ProcessId: String(activity.process.pid),
            Image: activity.process.executable,
            CommandLine: activity.process.commandLine,
            CurrentDirectory: "C:\\Windows\\system32\\",
            User: user,
            LogonId: "0x3e7",
            IntegrityLevel: activity.integrity ?? "Medium",
            ParentProcessGuid: processGuid(host, activity.parent),
            ParentProcessId: String(activity.parent.pid),
            ParentImage: activity.parent.executable,
            ParentCommandLine: activity.parent.commandLine,
            ParentUser: user,
          },
          user: { identifier: "S-1-5-18", domain: "NT AUTHORITY", name: "SYSTEM", type: "User" },
        },
      };
    }
    case "network": {
      const base = common(activity, "Microsoft-Windows-Sysmon/Operational", "3", sysmonProvider, recordId);
      return {
        ...base,
        event: {
          action: "Network connection detected (rule: NetworkConnect)",
          category: ["network"],
          code: "3",
          created: iso(activity.time),
          kind: "event",
          module: "sysmon",
          provider: sysmonProvider,
          type: ["connection", "start", "protocol"],
        },
        source: { ip: activity.sourceIp, port: activity.sourcePort, domain: fqdn(host) },
        destination: { ip: activity.destinationIp, port: activity.destinationPort },
        network: {
          direction: activity.direction === "egress" ? "outbound" : "inbound",
          transport: activity.transport,
          type: "ipv4",
        },
        process: {
          entity_id: processGuid(host, activity.process),
          pid: activity.process.pid,
          executable: activity.process.executable,
          name: activity.process.name,
        },
        user: { domain: activity.user.domain, name: activity.user.name },
        winlog: {
          ...base.winlog,
          event_data: {
            RuleName: "-",
            UtcTime: utcTime(activity.time),
            ProcessGuid: processGuid(host, activity.process),
            ProcessId: String(activity.process.pid),
            Image: activity.process.executable,
            User: `${activity.user.domain}\\${activity.user.name}`,
            Protocol: activity.transport,
            Initiated: activity.direction === "egress" ? "true" : "false",
            SourceIsIpv6: "false",
            SourceIp: activity.sourceIp,
            SourceHostname: fqdn(host),
            SourcePort: String(activity.sourcePort),
            DestinationIsIpv6: "false",
            DestinationIp: activity.destinationIp,
            DestinationPort: String(activity.destinationPort),
          },
        },
      };
    }
    case "logon": {
      const base = common(activity, "Security", "4624", "Microsoft-Windows-Security-Auditing", recordId);
      const doc: Record<string, unknown> = {
        ...base,
        event: {
          action: "logged-in",
          category: ["authentication"],
          code: activity.outcome === "success" ? "4624" : "4625",
          created: iso(activity.time),
          kind: "event",
          module: "security",
          outcome: activity.outcome,
          provider: "Microsoft-Windows-Security-Auditing",
          type: ["start"],
        },
        user: { domain: activity.user.domain, name: activity.user.name, id: activity.user.sid },
        related: { user: [activity.user.name], ...(activity.sourceIp ? { ip: [activity.sourceIp] } : {}) },
        winlog: {
          ...base.winlog,
          event_id: activity.outcome === "success" ? "4624" : "4625",
          logon: { id: activity.logonId, type: logonTypeNames[activity.logonType] },
          event_data: {
            SubjectUserSid: "S-1-5-18",
            SubjectUserName: `${host.hostname.toUpperCase()}$`,
            SubjectDomainName: host.domain.split(".")[0]!.toUpperCase(),
            SubjectLogonId: "0x3e7",
            TargetUserSid: activity.user.sid,
            TargetUserName: activity.user.name,
            TargetDomainName: activity.user.domain,
            TargetLogonId: activity.logonId,
            LogonType: String(activity.logonType),
            LogonProcessName: activity.logonType === 3 ? "NtLmSsp " : "User32 ",
            AuthenticationPackageName: activity.logonType === 3 ? "NTLM" : "Negotiate",
            WorkstationName: activity.sourceName ?? host.hostname.toUpperCase(),
            IpAddress: activity.sourceIp ?? "-",
            IpPort: activity.sourcePort === undefined ? "-" : String(activity.sourcePort),
            ElevatedToken: "%%1842",
          },
        },
      };
      if (activity.sourceIp)
        doc.source = { ip: activity.sourceIp, port: activity.sourcePort ?? 0, domain: activity.sourceName };
      return doc;
    }
    case "alert":
      // Sysmon and the Security log carry no detections; an alert needs an EDR product.
      return undefined;
  }
}
