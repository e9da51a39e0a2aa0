// CrowdStrike Falcon Data Replicator (gzip NDJSON from S3, bridged to Kafka): EVERY value is a string, so all
// numbers are coerced; `aid` is the host key; `aip` is the public/NAT address the cloud saw and is NEVER used as
// the host's IP (kept as labels.crowdstrike_aip for the analyst). Event time is ContextTimeStamp (sensor,
// epoch seconds) else `timestamp` (epoch ms). Process ids are falcon ids joined as `<aid>:<id>` so they are
// unique across hosts; RawProcessId is the OS pid.
import type { CanonicalEvent } from "../schema/canonical-event.ts";
import { baseName, isJoinableIp } from "./shared/ecs.ts";
import { newEvent } from "./shared/event.ts";
import { memoize } from "./shared/memo.ts";
import { fromEpochMillis, fromEpochSeconds } from "./shared/time.ts";
import { int, ip, mac, own, port, str, uniq } from "./shared/values.ts";
import { logonTypeName } from "./shared/windows.ts";
import { fail, type JsonObject, type NormaliseContext, type NormaliseResult } from "./types.ts";

const OS = { Win: "windows", Mac: "macos", Lin: "linux" } as Record<string, string>;

type FdrKind = "process" | "network" | "logon" | "local-ip" | "other";

// Event names repeat on every record: each is classified once (fresh arrays are still built per event).
const kindOf = memoize((name: string): FdrKind => {
  if (/ProcessRollup2$/.test(name)) return "process";
  if (/^Network(Connect|ReceiveAccept)IP[46]$/.test(name)) return "network";
  if (/^UserLogon/.test(name)) return "logon";
  if (/^LocalIpAddressIP[46]$/.test(name)) return "local-ip";
  return "other";
});
const failedLogon = memoize((name: string) => /Failed/.test(name));

function classify(kind: FdrKind): { category: string[]; type: string[] } {
  if (kind === "process") return { category: ["process"], type: ["start"] };
  if (kind === "network") return { category: ["network"], type: ["connection", "start"] };
  if (kind === "logon") return { category: ["authentication"], type: ["start"] };
  return { category: ["host"], type: ["info"] };
}

export function normaliseCrowdstrikeFdr(r: JsonObject, context: NormaliseContext): NormaliseResult {
  const name = str(r.event_simpleName);
  if (!name) return fail("missing_field", "FDR record has no event_simpleName", "event_simpleName");
  const time =
    r.ContextTimeStamp !== undefined
      ? fromEpochSeconds(r.ContextTimeStamp, "ContextTimeStamp")
      : fromEpochMillis(r.timestamp, "timestamp");
  if (!time.ok) return time;
  const aid = str(r.aid);
  const kind = kindOf(name);
  const { category, type } = classify(kind);
  const event = newEvent(context, {
    timestamp: time.value,
    format: "crowdstrike-fdr",
    schema: `fdr:${str(r.name) ?? name}`,
    dataset: "crowdstrike.fdr",
    category,
    type,
    action: name,
    observer: { type: "edr", vendor: "CrowdStrike", product: "Falcon" },
  });
  const host: NonNullable<CanonicalEvent["host"]> = {};
  if (aid) host.id = aid;
  const computer = str(r.ComputerName);
  if (computer) host.name = computer;
  const os = own(OS, str(r.event_platform));
  if (os) host.os = { family: os };
  const aip = str(r.aip);
  if (aip) event.labels = { crowdstrike_aip: aip };

  if (category[0] === "process") {
    const exe = str(r.ImageFileName);
    const parentName = str(r.ParentBaseFileName);
    const process: NonNullable<CanonicalEvent["process"]> = {};
    const target = entity(aid, r.TargetProcessId);
    if (target) process.entity_id = target;
    const pid = int(r.RawProcessId);
    if (pid !== undefined) process.pid = pid;
    if (exe) {
      process.name = baseName(exe);
      process.executable = exe;
    }
    const commandLine = str(r.CommandLine);
    if (commandLine) process.command_line = commandLine;
    const parentEntity = entity(aid, r.ParentProcessId);
    if (parentEntity || parentName) {
      const parent: NonNullable<NonNullable<CanonicalEvent["process"]>["parent"]> = {};
      if (parentEntity) parent.entity_id = parentEntity;
      if (parentName) parent.name = parentName;
      process.parent = parent;
    }
    event.process = process;
    const user: NonNullable<CanonicalEvent["user"]> = {};
    const userName = str(r.UserName);
    if (userName) user.name = userName;
    const userSid = str(r.UserSid);
    if (userSid) user.id = userSid;
    if (userName || userSid) event.user = user;
  } else if (category[0] === "network") {
    const v6 = name.endsWith("IP6");
    const localIp = ip(v6 ? r.LocalAddressIP6 : r.LocalAddressIP4);
    const local = endpoint(localIp, port(r.LocalPort));
    const remote = endpoint(ip(v6 ? r.RemoteAddressIP6 : r.RemoteAddressIP4), port(r.RemotePort));
    // ConnectionDirection 0 = outbound, 1 = inbound; NetworkReceiveAccept is inbound by definition.
    const inbound = name.startsWith("NetworkReceiveAccept") || str(r.ConnectionDirection) === "1";
    event.source = inbound ? remote : local;
    event.destination = inbound ? local : remote;
    const proto = str(r.Protocol);
    const direction = inbound ? "ingress" : "egress";
    const transport = proto === "6" ? "tcp" : proto === "17" ? "udp" : proto;
    event.network = transport ? { transport, direction } : { direction };
    const context = entity(aid, r.ContextProcessId);
    if (context) event.process = { entity_id: context };
    if (localIp && isJoinableIp(localIp)) host.ip = [localIp];
  } else if (name.startsWith("UserLogon")) {
    const user: NonNullable<CanonicalEvent["user"]> = {};
    const userName = str(r.UserName);
    if (userName) user.name = userName;
    const logonDomain = str(r.LogonDomain);
    if (logonDomain) user.domain = logonDomain;
    const userSid = str(r.UserSid);
    if (userSid) user.id = userSid;
    if (userName || logonDomain || userSid) event.user = user;
    const logonType = logonTypeName(r.LogonType);
    if (logonType) event.winlog = { logon: { type: logonType } };
    event.event.outcome = failedLogon(name) ? "failure" : "success";
    const remote = ip(r.RemoteAddressIP4) ?? ip(r.RemoteAddressIP6) ?? ip(r.ClientIp);
    const client = str(r.ClientComputerName);
    if (remote || client)
      event.source = remote && client ? { ip: remote, domain: client } : remote ? { ip: remote } : { domain: client };
  } else if (kind === "local-ip") {
    const address = ip(r.LocalAddressIP4) ?? ip(r.LocalAddressIP6);
    if (address && isJoinableIp(address)) host.ip = [address];
    const hw = mac(r.PhysicalAddress);
    if (hw) host.mac = [hw];
  }
  if (host.id !== undefined || host.name !== undefined || host.os !== undefined || host.ip !== undefined || host.mac)
    event.host = host;
  const related = uniq(event.source?.ip, event.destination?.ip);
  if (related) event.related = event.user?.name ? { ip: related, user: [event.user.name] } : { ip: related };
  else if (event.user?.name) event.related = { user: [event.user.name] };
  return { ok: true, events: [event] };
}

/** Falcon process ids are per host: `<aid>:<id>` makes them unique across the fleet. */
function entity(aid: string | undefined, id: unknown): string | undefined {
  const value = str(id);
  return value && aid ? `${aid}:${value}` : value;
}

/** `{ip, port}` with absent parts left out (built so, not deleted afterwards); undefined when both are absent. */
function endpoint(address: string | undefined, p: number | undefined): CanonicalEvent["source"] | undefined {
  if (address !== undefined) return p !== undefined ? { ip: address, port: p } : { ip: address };
  return p !== undefined ? { port: p } : undefined;
}
