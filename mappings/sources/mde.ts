// Microsoft Defender for Endpoint, streaming API (Event Hubs, also readable over its Kafka endpoint): an
// envelope `{"records": [{time, tenantId, category: "AdvancedHunting-<Table>", properties: {...row}}]}`, so
// ONE raw record yields SEVERAL events; a bad row becomes its own dead letter and the others go on. Event
// time is `properties.Timestamp` (the envelope `time` is receipt time, minutes later). Each event keeps only
// its own row as event.original.
import type { CanonicalEvent } from "../schema/canonical-event.ts";
import { originalFromJson } from "../schema/original.ts";
import { isJoinableIp } from "./shared/ecs.ts";
import { newEvent } from "./shared/event.ts";
import { rowTexts } from "./shared/json-text.ts";
import { fromIso } from "./shared/time.ts";
import { int, ip, isObject, mac, own, port, str, uniq } from "./shared/values.ts";
import { logonOf, logonTypeName } from "./shared/windows.ts";
import { fail, type JsonObject, type NormaliseContext, type NormaliseFailure, type NormaliseResult } from "./types.ts";

const CATEGORY: Record<string, [string[], string[]]> = {
  DeviceProcessEvents: [["process"], ["start"]],
  DeviceNetworkEvents: [["network"], ["connection"]],
  DeviceLogonEvents: [["authentication"], ["start"]],
  DeviceNetworkInfo: [["host"], ["info"]],
  DeviceInfo: [["host"], ["info"]],
  DeviceFileEvents: [["file"], ["change"]],
  DeviceRegistryEvents: [["registry"], ["change"]],
};

const INBOUND = new Set(["InboundConnectionAccepted", "InboundInternetScanInspected"]);

// Column names per side, built once (a template literal per lookup is a fresh string to hash every row).
const PROCESS_KEYS = {
  self: {
    pid: "ProcessId",
    file: "FileName",
    folder: "FolderPath",
    created: "ProcessCreationTime",
    cmd: "ProcessCommandLine",
  },
  InitiatingProcess: {
    pid: "InitiatingProcessId",
    file: "InitiatingProcessFileName",
    folder: "InitiatingProcessFolderPath",
    created: "InitiatingProcessCreationTime",
    cmd: "InitiatingProcessCommandLine",
  },
} as const;

function processOf(
  p: JsonObject,
  device: string | undefined,
  prefix: "" | "InitiatingProcess",
): CanonicalEvent["process"] | undefined {
  const k = PROCESS_KEYS[prefix || "self"];
  const pid = int(p[k.pid]);
  const file = str(p[k.file]);
  const folder = str(p[k.folder]);
  const created = str(p[k.created]);
  const cmd = str(p[k.cmd]);
  const out: NonNullable<CanonicalEvent["process"]> = {};
  if (pid !== undefined) {
    out.pid = pid;
    // `device:pid:created` with absent parts left out (no intermediate array).
    const withDevice = device !== undefined ? `${device}:${pid}` : String(pid);
    out.entity_id = created !== undefined ? `${withDevice}:${created}` : withDevice;
  }
  if (file) out.name = file;
  if (folder)
    out.executable = folder.toLowerCase().endsWith(file?.toLowerCase() ?? "\u0000")
      ? folder
      : file
        ? `${folder}\\${file}`
        : folder;
  if (cmd) out.command_line = cmd;
  return pid !== undefined || file || folder || cmd ? out : undefined;
}

/** `{name, domain, id}` of an account, absent parts left out; undefined when nothing is known. */
function accountOf(name: unknown, domain: unknown, id: unknown): CanonicalEvent["user"] | undefined {
  const n = str(name);
  const d = str(domain);
  const i = str(id);
  if (!n && !d && !i) return undefined;
  const user: NonNullable<CanonicalEvent["user"]> = {};
  if (n) user.name = n;
  if (d) user.domain = d;
  if (i) user.id = i;
  return user;
}

/** Raw-record path of a row's field: `records[3].properties.Timestamp` inside an envelope. */
function rowField(enveloped: boolean, index: number, name: string): string {
  return enveloped ? `records[${index}].${name}` : name;
}

function rowEvent(
  row: JsonObject,
  index: number,
  enveloped: boolean,
  context: NormaliseContext,
  rowText: string | undefined,
): CanonicalEvent | NormaliseFailure {
  const p = row.properties;
  if (!isObject(p))
    return fail("missing_field", "MDE record has no properties object", rowField(enveloped, index, "properties"));
  const time = fromIso(p.Timestamp, "properties.Timestamp");
  // The row's path is only spelled out for a failure (not built for every row that succeeds).
  if (!time.ok) return { ...time, field: rowField(enveloped, index, "properties.Timestamp") };
  const named = str(row.category) ?? str(row.Table) ?? "Unknown";
  const table = named.startsWith("AdvancedHunting-") ? named.slice(16) : named;
  const [category, type] = own(CATEGORY, table) ?? [["host"], ["info"]];
  const actionType = str(p.ActionType);
  const event = newEvent(context, {
    timestamp: time.value,
    format: "mde",
    schema: `mde-streaming:${table}`,
    dataset: `m365_defender.${table}`,
    category,
    type,
    action: actionType,
    observer: { type: "edr", vendor: "Microsoft", product: "Defender for Endpoint" },
    original:
      context.originalMaxChars > 0
        ? originalFromJson(rowText ?? JSON.stringify(row), context.originalMaxChars, context.jsonTextScreened)
        : undefined,
  });
  const device = str(p.DeviceId);
  const host: NonNullable<CanonicalEvent["host"]> = {};
  if (device) host.id = device;
  const deviceName = str(p.DeviceName);
  if (deviceName) host.name = deviceName;
  if (table === "DeviceProcessEvents") {
    const process = processOf(p, device, "");
    const parent = processOf(p, device, "InitiatingProcess");
    if (process || parent) {
      // The row's own process, with the initiating process as its parent (command line left out).
      const merged: NonNullable<CanonicalEvent["process"]> = process ?? {};
      if (parent) {
        const up: NonNullable<NonNullable<CanonicalEvent["process"]>["parent"]> = {};
        if (parent.entity_id) up.entity_id = parent.entity_id;
        if (parent.pid !== undefined) up.pid = parent.pid;
        if (parent.name) up.name = parent.name;
        if (parent.executable) up.executable = parent.executable;
        merged.parent = up;
      }
      event.process = merged;
    }
    const user = accountOf(p.AccountName, p.AccountDomain, p.AccountSid);
    if (user) event.user = user;
  } else if (table === "DeviceNetworkEvents") {
    const localIp = ip(p.LocalIP);
    const local: NonNullable<CanonicalEvent["source"]> = {};
    if (localIp) local.ip = localIp;
    const localPort = port(p.LocalPort);
    if (localPort !== undefined) local.port = localPort;
    const remote: NonNullable<CanonicalEvent["source"]> = {};
    const remoteIp = ip(p.RemoteIP);
    if (remoteIp) remote.ip = remoteIp;
    const remotePort = port(p.RemotePort);
    if (remotePort !== undefined) remote.port = remotePort;
    const url = str(p.RemoteUrl);
    if (url) remote.domain = url;
    const inbound = actionType !== undefined && INBOUND.has(actionType);
    const localAny = localIp !== undefined || localPort !== undefined;
    const remoteAny = remoteIp !== undefined || remotePort !== undefined || url !== undefined;
    if (inbound ? remoteAny : localAny) event.source = inbound ? remote : local;
    if (inbound ? localAny : remoteAny) event.destination = inbound ? local : remote;
    const transport = withoutIpVersion(str(p.Protocol)?.toLowerCase());
    event.network = transport
      ? { transport, direction: inbound ? "ingress" : "egress" }
      : { direction: inbound ? "ingress" : "egress" };
    if (actionType === "ConnectionFailed") event.event.outcome = "failure";
    else if (actionType === "ConnectionSuccess" || actionType === "InboundConnectionAccepted")
      event.event.outcome = "success";
    const process = processOf(p, device, "InitiatingProcess");
    if (process) event.process = process;
    const user = accountOf(p.InitiatingProcessAccountName, p.InitiatingProcessAccountDomain, undefined);
    if (user) event.user = user;
    if (localIp && isJoinableIp(localIp)) host.ip = [localIp];
  } else if (table === "DeviceLogonEvents") {
    const user = accountOf(p.AccountName, p.AccountDomain, p.AccountSid);
    if (user) event.user = user;
    const logonType = logonTypeName(p.LogonType);
    const logonId = str(p.LogonId);
    if (logonType || logonId) event.winlog = { logon: logonOf(logonType, logonId) };
    event.event.outcome =
      actionType === "LogonFailed" ? "failure" : actionType === "LogonSuccess" ? "success" : "unknown";
    const remote: NonNullable<CanonicalEvent["source"]> = {};
    const remoteIp = ip(p.RemoteIP);
    if (remoteIp) remote.ip = remoteIp;
    const remotePort = port(p.RemotePort);
    if (remotePort) remote.port = remotePort; // 0 is "no port" for a logon
    const remoteName = str(p.RemoteDeviceName);
    if (remoteName) remote.domain = remoteName;
    if (remoteIp || remotePort || remoteName) event.source = remote;
    const process = processOf(p, device, "InitiatingProcess");
    if (process) event.process = process;
  } else if (table === "DeviceNetworkInfo") {
    const hw = mac(p.MacAddress);
    if (hw) host.mac = [hw];
    const addresses = parseIpList(p.IPAddresses);
    if (addresses.length) host.ip = addresses;
  }
  if (host.id !== undefined || host.name !== undefined || host.ip !== undefined || host.mac !== undefined)
    event.host = host;
  const related = uniq(event.source?.ip, event.destination?.ip);
  const relatedUser = uniq(event.user?.name);
  if (related || relatedUser)
    event.related =
      related && relatedUser ? { ip: related, user: relatedUser } : related ? { ip: related } : { user: relatedUser };
  return event;
}

/** `tcpv4` -> `tcp`: MDE names the IP version in the protocol. */
function withoutIpVersion(protocol: string | undefined): string | undefined {
  if (protocol === undefined || protocol.length < 2) return protocol;
  const last = protocol.charCodeAt(protocol.length - 1);
  return protocol.charCodeAt(protocol.length - 2) === 118 && (last === 52 || last === 54)
    ? protocol.slice(0, -2)
    : protocol;
}

/** DeviceNetworkInfo.IPAddresses is a JSON string (or array) of {IPAddress, SubnetPrefix, AddressType}. */
function parseIpList(value: unknown): string[] {
  let list: unknown = value;
  if (typeof value === "string" && value.length < 8192) {
    try {
      list = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    const a = ip(isObject(x) ? x.IPAddress : x);
    if (a !== undefined && isJoinableIp(a) && !out.includes(a)) out.push(a);
  }
  return out;
}

export function normaliseMde(r: JsonObject, context: NormaliseContext): NormaliseResult {
  const enveloped = Array.isArray(r.records);
  const rows = enveloped ? (r.records as unknown[]) : [r];
  if (rows.length === 0) return fail("missing_field", "MDE envelope has an empty records[]", "records");
  const events: CanonicalEvent[] = [];
  const failures: NormaliseFailure[] = [];
  // Each row's JSON.stringify text, sliced from the envelope where that is provably the same string.
  const texts =
    context.originalMaxChars > 0 && context.jsonText !== undefined
      ? rowTexts(context.jsonText, rows, enveloped)
      : undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!isObject(row)) {
      failures.push(fail("invalid_field", "records[] entry is not an object", `records[${i}]`));
      continue;
    }
    const result = rowEvent(row, i, enveloped, context, texts?.[i]);
    if ("ok" in result) failures.push(result);
    else events.push(result);
  }
  if (events.length === 0 && failures.length === 1) return failures[0]!;
  return { ok: true, events, failures };
}
