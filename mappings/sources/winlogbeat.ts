// Windows events: Sysmon (EID 1 process create, EID 3 network connection) and Security (4624/4625 logons
// with the logon type NAMED, 4648, 4688) in the three shapes SOCs ship: Winlogbeat / Elastic Agent ECS
// (`winlog.event_data.*`, event.code a string, or a number in old Winlogbeat), evtx rendered as JSON
// (`Event.System` / `Event.EventData`, as SigmaHQ regression data and evtx tools write it) and NXLog-flat
// (Mordor/OTRF: EventID, Channel, Hostname and the event data as top-level keys). Any other event id still
// becomes a `host` event with what is common, so no Windows record is lost.
import type { CanonicalEvent } from "../schema/canonical-event.ts";
import { baseName, ecsEndpoint, ecsHost, ecsProcess, ecsUser, stringArray } from "./shared/ecs.ts";
import { newEvent } from "./shared/event.ts";
import { fromIso } from "./shared/time.ts";
import { at2, at3, bool, int, ip, isObject, port, str, unflatten, uniq } from "./shared/values.ts";
import { logonTypeName, splitUser } from "./shared/windows.ts";
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

const isSysmon = (w: WinEvent) => /sysmon/i.test(w.channel) || /sysmon/i.test(w.provider);
const isSecurity = (w: WinEvent) => w.channel === "Security" || /Security-Auditing/i.test(w.provider);

function processFromSysmon(d: JsonObject): CanonicalEvent["process"] {
  const executable = str(d.Image);
  const parentExe = str(d.ParentImage);
  const parent = {
    ...(str(d.ParentProcessGuid) ? { entity_id: str(d.ParentProcessGuid) } : {}),
    ...(int(d.ParentProcessId) !== undefined ? { pid: int(d.ParentProcessId) } : {}),
    ...(parentExe ? { name: baseName(parentExe), executable: parentExe } : {}),
  };
  return {
    ...(str(d.ProcessGuid) ? { entity_id: str(d.ProcessGuid) } : {}),
    ...(int(d.ProcessId) !== undefined ? { pid: int(d.ProcessId) } : {}),
    ...(executable ? { name: baseName(executable), executable } : {}),
    ...(str(d.CommandLine) ? { command_line: str(d.CommandLine) } : {}),
    ...(Object.keys(parent).length ? { parent } : {}),
  };
}

function userFrom(
  name: string | undefined,
  domain: string | undefined,
  id: string | undefined,
): CanonicalEvent["user"] | undefined {
  const split = domain === undefined ? splitUser(name) : name ? { name, domain } : undefined;
  const u = { ...split, ...(id ? { id } : {}) };
  return Object.keys(u).length ? u : undefined;
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
  const eventHost = w.computer ? { ...host, name: host?.name ?? w.computer } : { ...host };
  if (Object.keys(eventHost).length) event.host = eventHost;
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
    const exe = str(d.NewProcessName);
    event.process = {
      ...(int(d.NewProcessId) !== undefined ? { pid: int(d.NewProcessId) } : {}),
      ...(exe ? { name: baseName(exe), executable: exe } : {}),
      ...(str(d.CommandLine) ? { command_line: str(d.CommandLine) } : {}),
      ...(str(d.ParentProcessName)
        ? { parent: { name: baseName(str(d.ParentProcessName)!), executable: str(d.ParentProcessName) } }
        : {}),
      ...(int(d.ProcessId) !== undefined && !str(d.ParentProcessName) ? { parent: { pid: int(d.ProcessId) } } : {}),
    };
  }
  mapNetwork(event, d, ecs, sysmon && eid === 3);
  if (security && (eid === 4624 || eid === 4625 || eid === 4648)) {
    const logonType = logonTypeName(d.LogonType ?? at3(r, "winlog", "logon", "type"));
    const logonId = str(d.TargetLogonId);
    if (logonType || logonId)
      event.winlog = { logon: { ...(logonType ? { type: logonType } : {}), ...(logonId ? { id: logonId } : {}) } };
    event.event.outcome = eid === 4625 ? "failure" : "success";
    const sourceIp = ip(d.IpAddress);
    const workstation = str(d.WorkstationName);
    const source = {
      ...event.source,
      ...(sourceIp ? { ip: sourceIp } : {}),
      ...(port(d.IpPort) ? { port: port(d.IpPort) } : {}),
      ...(workstation ? { domain: workstation } : {}),
    };
    if (Object.keys(source).length) event.source = source;
  }
  const related = uniq(event.source?.ip, event.destination?.ip);
  const relatedUser = uniq(event.user?.name);
  if (related || relatedUser)
    event.related = { ...(related ? { ip: related } : {}), ...(relatedUser ? { user: relatedUser } : {}) };
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
