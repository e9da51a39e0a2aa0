// Elastic Defend (Elastic Endpoint) documents, native ECS, in the shape of elastic/endpoint-package's
// sample events: logs-endpoint.events.{process,network,security} and logs-endpoint.alerts.
import type { PlantAsset } from "../plant.ts";
import { iso7 } from "../record.ts";
import { type EdrActivity, logonTypeNames, type SimProcess } from "./edr-activity.ts";

function entityId(host: PlantAsset, process: SimProcess): string {
  return Buffer.from(`${host.edr?.id}-${process.token}`).toString("base64").replace(/=+$/, "");
}

function hostBlock(host: PlantAsset): Record<string, unknown> {
  // Defend reports every address of the host, loopback and link-local included (data-formats.md B5).
  const linkLocal = `fe80::${host.mac.split(":").slice(2).join("").slice(0, 4)}:${host.mac.split(":").slice(4).join("")}`;
  return {
    hostname: host.hostname,
    name: host.hostname,
    id: host.edr?.id,
    ip: [host.ip, linkLocal, "127.0.0.1", "::1"],
    mac: [host.mac.toUpperCase().replaceAll(":", "-")],
    architecture: "x86_64",
    os: {
      Ext: { variant: "Windows 10 Enterprise" },
      family: "windows",
      full: "Windows 10 Enterprise 22H2",
      kernel: "22H2 (10.0.19045.4291)",
      name: "Windows",
      platform: "windows",
      type: "windows",
      version: "22H2",
    },
  };
}

function common(activity: EdrActivity, dataset: string) {
  const host = activity.host;
  return {
    "@timestamp": iso7(activity.time, host.ip.length * 37),
    agent: { id: host.edr?.id, type: "endpoint", version: "8.19.2" },
    data_stream: { dataset, namespace: "default", type: "logs" },
    ecs: { version: "8.11.0" },
    elastic: { agent: { id: host.edr?.id } },
    host: hostBlock(host),
  };
}

function processBlock(host: PlantAsset, process: SimProcess, parent?: SimProcess): Record<string, unknown> {
  const block: Record<string, unknown> = {
    pid: process.pid,
    entity_id: entityId(host, process),
    executable: process.executable,
    name: process.name,
    command_line: process.commandLine,
    args: process.commandLine.split(" ").filter(Boolean),
    start: iso7(process.startedAt),
  };
  if (parent) {
    block.parent = {
      pid: parent.pid,
      entity_id: entityId(host, parent),
      executable: parent.executable,
      name: parent.name,
      command_line: parent.commandLine,
    };
    block.Ext = { ancestry: [entityId(host, parent)] };
  }
  return block;
}

export function encodeElasticDefend(activity: EdrActivity): Record<string, unknown> {
  const host = activity.host;
  switch (activity.kind) {
    case "process":
      return {
        ...common(activity, "endpoint.events.process"),
        event: {
          action: "start",
          category: ["process"],
          created: iso7(activity.time),
          dataset: "endpoint.events.process",
          id: `${activity.process.token}-s`,
          kind: "event",
          module: "endpoint",
          type: ["start"],
        },
        message: "Endpoint process event",
        process: processBlock(host, activity.process, activity.parent),
        user: { domain: activity.user.domain, name: activity.user.name, id: activity.user.sid },
      };
    case "network":
      return {
        ...common(activity, "endpoint.events.network"),
        event: {
          action: activity.direction === "egress" ? "connection_attempted" : "connection_accepted",
          category: ["network"],
          created: iso7(activity.time),
          dataset: "endpoint.events.network",
          id: `${activity.process.token}-n${activity.sourcePort}`,
          kind: "event",
          module: "endpoint",
          type: ["start"],
        },
        message: "Endpoint network event",
        source: { address: activity.sourceIp, ip: activity.sourceIp, port: activity.sourcePort },
        destination: { address: activity.destinationIp, ip: activity.destinationIp, port: activity.destinationPort },
        network: { direction: activity.direction, transport: activity.transport, type: "ipv4" },
        process: {
          pid: activity.process.pid,
          entity_id: entityId(host, activity.process),
          executable: activity.process.executable,
          name: activity.process.name,
        },
        user: { domain: activity.user.domain, name: activity.user.name, id: activity.user.sid },
      };
    case "logon": {
      const doc: Record<string, unknown> = {
        ...common(activity, "endpoint.events.security"),
        event: {
          action: "log_on",
          category: ["authentication", "session"],
          created: iso7(activity.time),
          dataset: "endpoint.events.security",
          id: `logon-${activity.logonId}`,
          kind: "event",
          module: "endpoint",
          outcome: activity.outcome,
          type: ["start"],
        },
        message: "Endpoint security event",
        // Defend puts the logon details of the session on the process (process.Ext.session_info).
        process: {
          name: "lsass.exe",
          pid: 712,
          executable: "C:\\Windows\\System32\\lsass.exe",
          Ext: {
            session_info: {
              logon_type: logonTypeNames[activity.logonType],
              id: Number.parseInt(activity.logonId, 16),
              user_name: activity.user.name,
              ...(activity.sourceIp ? { client_address: activity.sourceIp } : {}),
            },
          },
        },
        user: { domain: activity.user.domain, name: activity.user.name, id: activity.user.sid },
      };
      if (activity.sourceIp)
        doc.source = {
          ip: activity.sourceIp,
          port: activity.sourcePort ?? 0,
          ...(activity.sourceName ? { domain: activity.sourceName } : {}),
        };
      return doc;
    }
    case "alert":
      return {
        ...common(activity, "endpoint.alerts"),
        message: `Malicious Behavior Detection Alert: ${activity.ruleName}`,
        event: {
          action: "rule_detection",
          category: ["malware", "intrusion_detection", "process"],
          code: "behavior",
          created: iso7(activity.time),
          dataset: "endpoint.alerts",
          id: `alert-${activity.process.token}`,
          kind: "alert",
          module: "endpoint",
          outcome: "success",
          risk_score: activity.severity,
          severity: activity.severity,
          type: ["info", "start"],
        },
        rule: {
          id: activity.ruleId,
          name: activity.ruleName,
          ruleset: "production",
          description: activity.ruleName,
          reference: [`https://attack.mitre.org/techniques/${activity.technique.id.replace(".", "/")}/`],
        },
        threat: [
          {
            framework: "MITRE ATT&CK",
            tactic: {
              id: activity.tactic.id,
              name: activity.tactic.name,
              reference: `https://attack.mitre.org/tactics/${activity.tactic.id}/`,
            },
            technique: [
              {
                id: activity.technique.id,
                name: activity.technique.name,
                reference: `https://attack.mitre.org/techniques/${activity.technique.id.replace(".", "/")}/`,
              },
            ],
          },
        ],
        process: processBlock(host, activity.process),
        user: { domain: activity.user.domain, name: activity.user.name, id: activity.user.sid },
        Endpoint: { policy: { applied: { artifacts: { global: { version: "2026.03.09" } } } } },
      };
  }
}
