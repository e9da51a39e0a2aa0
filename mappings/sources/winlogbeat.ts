// Windows events: Sysmon (EID 1 process create, EID 3 network connection) and Security (4624/4625 logons
// with the logon type NAMED, 4648, 4688) in the three shapes SOCs ship: Winlogbeat / Elastic Agent ECS
// (`winlog.event_data.*`, event.code a string, or a number in old Winlogbeat), evtx rendered as JSON
// (`Event.System` / `Event.EventData`, as SigmaHQ regression data and evtx tools write it) and NXLog-flat
// (Mordor/OTRF: EventID, Channel, Hostname and the event data as top-level keys). Any other event id still
// becomes a `host` event with what is common, so no Windows record is lost.
import type { CanonicalEvent } from "../schema/canonical-event.ts";
import { baseName, ecsEndpoint, ecsHost, ecsProcess, ecsUser, stringArray } from "./shared/ecs.ts";
import { newEvent } from "./shared/event.ts";
import { memoize } from "./shared/memo.ts";
import { fromIso } from "./shared/time.ts";
import { at2, at3, bool, int, ip, isObject, port, str, unflatten, uniq } from "./shared/values.ts";
import { logonOf, logonTypeName, splitUser } from "./shared/windows.ts";
import { fail, type JsonObject, type NormaliseContext, type NormaliseResult } from "./types.ts";

interface WinEvent {
  generation: "winlogbeat/ecs" | "winlogbeat/legacy" | "evtx-json" | "nxlog";
  eventId: number | undefined;
  channel: string;
  provider: string;
  computer: string | undefined;
  time: unknown;
  data: JsonObject;
  /** The ECS document when the record is one (Winlogbeat), for its already-mapped fields. */
  ecs?: JsonObject;
}

function view(r: JsonObject): WinEvent | undefined {
  if (isObject(r.Event) && isObject(r.Event.System)) {
    const sys = r.Event.System;
    const eventId = int(isObject(sys.EventID) ? sys.EventID["#text"] : sys.EventID);
    return {
      generation: "evtx-json",
      eventId,
      channel: str(sys.Channel) ?? "",
      provider: str(at3(sys, "Provider", "#attributes", "Name")) ?? "",
      computer: str(sys.Computer),
      time: at3(sys, "TimeCreated", "#attributes", "SystemTime"),
      data: isObject(r.Event.EventData) ? r.Event.EventData : {},
    };
  }
  if (isObject(r.winlog)) {
    const code = at2(r, "event", "code");
    return {
      generation:
        typeof code === "number" || typeof at2(r, "event", "category") === "string"
          ? "winlogbeat/legacy"
          : "winlogbeat/ecs",
      eventId: int(code) ?? int(r.winlog.event_id),
      channel: str(r.winlog.channel) ?? "",
      provider: str(r.winlog.provider_name) ?? str(at2(r, "event", "provider")) ?? "",
      computer: str(r.winlog.computer_name) ?? str(at2(r, "host", "name")),
      time: r["@timestamp"],
      data: isObject(r.winlog.event_data) ? r.winlog.event_data : {},
      ecs: r,
    };
  }
  if (r.EventID !== undefined) {
    return {
      generation: "nxlog",
      eventId: int(r.EventID),
      channel: str(r.Channel) ?? "",
      provider: str(r.SourceName) ?? "",
      computer: str(r.Hostname),
      time: r["@timestamp"] ?? r.EventTime,
      data: r,
    };
  }
  return undefined;
}

// Channel and provider names repeat on every record of a stream: each test runs once per distinct name.
const namesSysmon = memoize((name: string) => /sysmon/i.test(name));
const namesSecurityAuditing = memoize((name: string) => /Security-Auditing/i.test(name));
const isSysmon = (w: WinEvent) => namesSysmon(w.channel) || namesSysmon(w.provider);
const isSecurity = (w: WinEvent) => w.channel === "Security" || namesSecurityAuditing(w.provider);

// Built member by member (no spread of one-field objects): this runs for every Sysmon record.
function processFromSysmon(d: JsonObject): CanonicalEvent["process"] {
  type Process = NonNullable<CanonicalEvent["process"]>;
  const parent: NonNullable<Process["parent"]> = {};
  let parentAny = false;
  const parentGuid = str(d.ParentProcessGuid);
  if (parentGuid) {
    parent.entity_id = parentGuid;
    parentAny = true;
  }
  const ppid = int(d.ParentProcessId);
  if (ppid !== undefined) {
    parent.pid = ppid;
    parentAny = true;
  }
  const parentExe = str(d.ParentImage);
  if (parentExe) {
    parent.name = baseName(parentExe);
    parent.executable = parentExe;
    parentAny = true;
  }
  const out: Process = {};
  const guid = str(d.ProcessGuid);
  if (guid) out.entity_id = guid;
  const pid = int(d.ProcessId);
  if (pid !== undefined) out.pid = pid;
  const executable = str(d.Image);
  if (executable) {
    out.name = baseName(executable);
    out.executable = executable;
  }
  const cmd = str(d.CommandLine);
  if (cmd) out.command_line = cmd;
  if (parentAny) out.parent = parent;
  return out;
}

function userFrom(
  name: string | undefined,
  domain: string | undefined,
  id: string | undefined,
): CanonicalEvent["user"] | undefined {
  const split = domain === undefined ? splitUser(name) : name ? { name, domain } : undefined;
  if (!id) return split;
  if (split === undefined) return { id };
  const u: NonNullable<CanonicalEvent["user"]> = split;
  u.id = id;
  return u;
}

export function normaliseWinlogbeat(input: JsonObject, context: NormaliseContext): NormaliseResult {
  const r = unflatten(input);
  const w = view(r);
  if (!w) return fail("missing_field", "no Windows event id (winlog, Event.System or EventID)", "winlog.event_id");
  const time = fromIso(w.time ?? r.EventTime, w.generation === "evtx-json" ? "Event.System.TimeCreated" : "@timestamp");
  if (!time.ok) return time;
  const d = w.data;
  const ecs = w.ecs;
  const sysmon = isSysmon(w);
  const security = isSecurity(w);
  const eid = w.eventId;
  const dataset =
    str(at2(r, "event", "dataset")) ??
    (sysmon
      ? "windows.sysmon_operational"
      : security
        ? "system.security"
        : `windows.${w.channel.toLowerCase().replace(/[^a-z0-9]+/g, "_") || "unknown"}`);
  let category = ["host"];
  let type = ["info"];
  let action: string | undefined = str(at2(r, "event", "action"));
  if (sysmon && eid === 1) [category, type, action] = [["process"], ["start"], action ?? "process_created"];
  else if (sysmon && eid === 3)
    [category, type, action] = [["network"], ["connection", "start"], action ?? "network_connection"];
  else if (security && (eid === 4624 || eid === 4625))
    [category, type, action] = [["authentication"], ["start"], action ?? (eid === 4624 ? "logged-in" : "logon-failed")];
  else if (security && eid === 4648)
    [category, type, action] = [["authentication"], ["start"], action ?? "logged-in-explicit"];
  else if (security && eid === 4688) [category, type, action] = [["process"], ["start"], action ?? "created-process"];
  else if (ecs) {
    category = stringArray(at2(ecs, "event", "category")) ?? category;
    type = stringArray(at2(ecs, "event", "type")) ?? type;
  }
  const event = newEvent(context, {
    timestamp: time.value,
    format: "winlogbeat",
    schema: `${w.generation}:${sysmon ? "sysmon" : security ? "security" : "other"}/${eid ?? "?"}`,
    dataset,
    category,
    type,
    action,
    observer: { type: "edr", vendor: "Microsoft", product: sysmon ? "Sysmon" : "Windows" },
  });
  if (eid !== undefined) event.event.code = String(eid);
  const host = ecs ? ecsHost(ecs) : undefined;
  // Assigned only when non-empty (no `delete`: an object that loses a property drops to V8's slow mode).
  // ecsHost gives a fresh, non-empty object or undefined: completed in place rather than copied.
  if (host !== undefined) {
    if (w.computer && host.name === undefined) host.name = w.computer;
    event.host = host;
  } else if (w.computer) event.host = { name: w.computer };
  const process = (ecs && ecsProcess(ecs)) || (sysmon ? processFromSysmon(d) : undefined);
  if (process && Object.keys(process).length) event.process = process;
  let user = ecs ? ecsUser(ecs) : undefined;
  if (sysmon) user ??= userFrom(str(d.User), undefined, undefined);
  if (security) {
    user =
      userFrom(str(d.TargetUserName), str(d.TargetDomainName), str(d.TargetUserSid)) ??
      user ??
      userFrom(str(d.SubjectUserName), str(d.SubjectDomainName), str(d.SubjectUserSid));
  }
  if (user) event.user = user;
  if (security && eid === 4688) {
    const process: NonNullable<CanonicalEvent["process"]> = {};
    const pid = int(d.NewProcessId);
    if (pid !== undefined) process.pid = pid;
    const exe = str(d.NewProcessName);
    if (exe) {
      process.name = baseName(exe);
      process.executable = exe;
    }
    const cmd = str(d.CommandLine);
    if (cmd) process.command_line = cmd;
    const parentExe = str(d.ParentProcessName);
    const ppid = int(d.ProcessId);
    if (parentExe) process.parent = { name: baseName(parentExe), executable: parentExe };
    else if (ppid !== undefined) process.parent = { pid: ppid };
    event.process = process;
  }
  mapNetwork(event, d, ecs, sysmon && eid === 3);
  if (security && (eid === 4624 || eid === 4625 || eid === 4648)) {
    const logonType = logonTypeName(d.LogonType ?? at3(r, "winlog", "logon", "type"));
    const logonId = str(d.TargetLogonId);
    if (logonType || logonId) event.winlog = { logon: logonOf(logonType, logonId) };
    event.event.outcome = eid === 4625 ? "failure" : "success";
    const sourceIp = ip(d.IpAddress);
    const sourcePort = port(d.IpPort);
    const workstation = str(d.WorkstationName);
    // event.source, when set, is this event's own non-empty object (mapNetwork): completed in place.
    const source: NonNullable<CanonicalEvent["source"]> = event.source ?? {};
    if (sourceIp) source.ip = sourceIp;
    if (sourcePort) source.port = sourcePort;
    if (workstation) source.domain = workstation;
    if (event.source !== undefined || sourceIp || sourcePort || workstation) event.source = source;
  }
  const related = uniq(event.source?.ip, event.destination?.ip);
  const relatedUser = uniq(event.user?.name);
  if (related || relatedUser)
    event.related =
      related && relatedUser ? { ip: related, user: relatedUser } : related ? { ip: related } : { user: relatedUser };
  return { ok: true, events: [event] };
}

function mapNetwork(event: CanonicalEvent, d: JsonObject, ecs: JsonObject | undefined, sysmonNetwork: boolean): void {
  const source = ecs ? ecsEndpoint(ecs, "source") : undefined;
  const destination = ecs ? ecsEndpoint(ecs, "destination") : undefined;
  if (source) event.source = source;
  if (destination) event.destination = destination;
  if (!sysmonNetwork) return;
  const s = event.source ?? {};
  const t = event.destination ?? {};
  // Sysmon's own fields fill what ECS left out; only defined values are set (no `delete` afterwards).
  fillEndpoint(s, ip(d.SourceIp), port(d.SourcePort), str(d.SourceHostname));
  fillEndpoint(t, ip(d.DestinationIp), port(d.DestinationPort), str(d.DestinationHostname));
  if (Object.keys(s).length) event.source = s;
  if (Object.keys(t).length) event.destination = t;
  const initiated = bool(d.Initiated);
  const transport = str(at2(ecs ?? {}, "network", "transport")) ?? str(d.Protocol);
  const protocol = str(at2(ecs ?? {}, "network", "protocol")) ?? str(d.DestinationPortName);
  const direction =
    str(at2(ecs ?? {}, "network", "direction")) ??
    (initiated === undefined ? undefined : initiated ? "egress" : "ingress");
  if (!transport && !protocol && !direction) return;
  const network: NonNullable<CanonicalEvent["network"]> = {};
  if (transport) network.transport = transport.toLowerCase();
  if (protocol) network.protocol = protocol.toLowerCase();
  if (direction) network.direction = direction;
  event.network = network;
}

function fillEndpoint(
  e: NonNullable<CanonicalEvent["source"]>,
  address: string | undefined,
  p: number | undefined,
  domain: string | undefined,
): void {
  if (e.ip == null && address !== undefined) e.ip = address;
  if (e.port == null && p !== undefined) e.port = p;
  if (e.domain == null && domain !== undefined) e.domain = domain;
}
