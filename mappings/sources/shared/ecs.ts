// Readers for ECS-shaped documents (Elastic Defend, Winlogbeat/Elastic Agent, Malcolm). ECS documents are
// mostly right already; these copy only the fields the canonical event has, with types enforced (a string pid
// becomes a number, an invalid IP is dropped) and host.ip cleaned of loopback and link-local addresses that
// would poison the IP -> host identity join (research §C).
import type { CanonicalEvent } from "../../schema/canonical-event.ts";
import { at2, at3, int, ip, isObject, list, mac, path, port, str } from "./values.ts";

type Obj = Record<string, unknown>;

export function isJoinableIp(address: string): boolean {
  return !(
    address.startsWith("127.") ||
    address === "::1" ||
    address.startsWith("fe80:") ||
    address === "0.0.0.0" ||
    address === "::"
  );
}

// The readers below take each ECS object once (`doc.host`) and read its members directly, and build their
// results without `Object.keys(...).length` probes or intermediate arrays: they run for every ECS record.
type Endpoint = NonNullable<CanonicalEvent["source"]>;

export function ecsEndpoint(doc: Obj, name: "source" | "destination"): CanonicalEvent["source"] | undefined {
  const o = doc[name];
  if (typeof o !== "object" || o === null) return undefined;
  const x = o as Obj;
  const address = ip(x.ip) ?? ip(x.address);
  const p = port(x.port);
  const m = mac(x.mac);
  const domain = str(x.domain);
  if (address === undefined && p === undefined && m === undefined && domain === undefined) return undefined;
  const e: Endpoint = {};
  if (address) e.ip = address;
  if (p !== undefined) e.port = p;
  if (m) e.mac = m;
  if (domain) e.domain = domain;
  return e;
}

/** The joinable IPs of an ECS `host.ip` (string, list or array), first occurrence order, no duplicates. */
function joinableIps(value: unknown): string[] | undefined {
  if (typeof value === "string") {
    const one = ip(value);
    // A lone address (the common case) needs no list: `list` would split on commas.
    if (one !== undefined && value.indexOf(",") < 0) return isJoinableIp(one) ? [one] : undefined;
  }
  const all = list(value);
  if (all === undefined) return undefined;
  let out: string[] | undefined;
  for (let i = 0; i < all.length; i++) {
    const a = ip(all[i]);
    if (a === undefined || !isJoinableIp(a)) continue;
    if (out === undefined) out = [a];
    else if (!out.includes(a)) out.push(a);
  }
  return out;
}

function macs(value: unknown): string[] | undefined {
  const all = list(value);
  if (all === undefined) return undefined;
  let out: string[] | undefined;
  for (let i = 0; i < all.length; i++) {
    const m = mac(all[i]);
    if (m === undefined) continue;
    if (out === undefined) out = [m];
    else if (!out.includes(m)) out.push(m);
  }
  return out;
}

export function ecsHost(doc: Obj): CanonicalEvent["host"] | undefined {
  const hv = doc.host;
  const host = typeof hv === "object" && hv !== null ? (hv as Obj) : undefined;
  const id = str(host?.id) ?? str(at2(doc, "agent", "id"));
  if (host === undefined) return id ? { id } : undefined;
  const h: NonNullable<CanonicalEvent["host"]> = {};
  let any = false;
  if (id) {
    h.id = id;
    any = true;
  }
  const name = str(host.name);
  if (name) {
    h.name = name;
    any = true;
  }
  const hostname = str(host.hostname);
  if (hostname) {
    h.hostname = hostname;
    any = true;
  }
  const ips = joinableIps(host.ip);
  if (ips) {
    h.ip = ips;
    any = true;
  }
  const hostMacs = macs(host.mac);
  if (hostMacs) {
    h.mac = hostMacs;
    any = true;
  }
  const os = host.os;
  if (typeof os === "object" && os !== null) {
    const family = str((os as Obj).family);
    const osName = str((os as Obj).name);
    if (family || osName) {
      h.os = family && osName ? { family, name: osName } : family ? { family } : { name: osName };
      any = true;
    }
  }
  return any ? h : undefined;
}

export function ecsProcess(doc: Obj): CanonicalEvent["process"] | undefined {
  const p = doc.process;
  if (!isObject(p)) return undefined;
  const out: NonNullable<CanonicalEvent["process"]> = {};
  let any = false;
  const entity = str(p.entity_id);
  if (entity) {
    out.entity_id = entity;
    any = true;
  }
  const pid = int(p.pid);
  if (pid !== undefined) {
    out.pid = pid;
    any = true;
  }
  const executable = str(p.executable);
  const name = str(p.name) ?? (executable ? baseName(executable) : undefined);
  if (name) {
    out.name = name;
    any = true;
  }
  if (executable) {
    out.executable = executable;
    any = true;
  }
  const cmd = str(p.command_line);
  if (cmd) {
    out.command_line = cmd;
    any = true;
  }
  const pp = p.parent;
  if (isObject(pp)) {
    const pe = str(pp.entity_id);
    const ppid = int(pp.pid);
    const pexe = str(pp.executable);
    const pname = str(pp.name) ?? (pexe ? baseName(pexe) : undefined);
    if (pe || ppid !== undefined || pname || pexe) {
      const parent: NonNullable<NonNullable<CanonicalEvent["process"]>["parent"]> = {};
      if (pe) parent.entity_id = pe;
      if (ppid !== undefined) parent.pid = ppid;
      if (pname) parent.name = pname;
      if (pexe) parent.executable = pexe;
      out.parent = parent;
      any = true;
    }
  }
  return any ? out : undefined;
}

export function ecsUser(doc: Obj): CanonicalEvent["user"] | undefined {
  const uv = doc.user;
  if (typeof uv !== "object" || uv === null) return undefined;
  const name = str((uv as Obj).name);
  const domain = str((uv as Obj).domain);
  const id = str((uv as Obj).id);
  if (!name && !domain && !id) return undefined;
  const u: NonNullable<CanonicalEvent["user"]> = {};
  if (name) u.name = name;
  if (domain) u.domain = domain;
  if (id) u.id = id;
  return u;
}

export function ecsNetwork(doc: Obj): CanonicalEvent["network"] | undefined {
  const nv = doc.network;
  if (typeof nv !== "object" || nv === null) return undefined;
  const x = nv as Obj;
  const transport = str(x.transport);
  const protocol = list(x.protocol)?.[0];
  const direction = str(x.direction);
  const community = str(x.community_id);
  if (!transport && !protocol && !direction && !community) return undefined;
  const n: NonNullable<CanonicalEvent["network"]> = {};
  if (transport) n.transport = transport.toLowerCase();
  if (protocol) n.protocol = protocol.toLowerCase();
  if (direction) n.direction = direction;
  if (community) n.community_id = community;
  return n;
}

export function ecsRuleAndThreat(doc: Obj, target: CanonicalEvent): void {
  const rule = doc.rule;
  const hasRule = typeof rule === "object" && rule !== null;
  const ruleId = hasRule ? (str((rule as Obj).id) ?? str((rule as Obj).uuid)) : undefined;
  const ruleName =
    (hasRule ? str((rule as Obj).name) : undefined) ??
    (doc.kibana !== undefined ? str(path(doc, "kibana.alert.rule.name")) : undefined);
  if (ruleId || ruleName)
    target.rule = ruleId && ruleName ? { id: ruleId, name: ruleName } : ruleId ? { id: ruleId } : { name: ruleName };
  // Every threat field lives under `threat`: a record without it has none to copy.
  const threat = doc.threat;
  if (typeof threat !== "object" || threat === null) return;
  const framework = str(at2(doc, "threat", "framework"));
  const techniqueIds = list(at3(doc, "threat", "technique", "id"));
  const techniqueNames = list(at3(doc, "threat", "technique", "name"));
  const tactics = list(at3(doc, "threat", "tactic", "name"));
  if (framework || techniqueIds || tactics) {
    target.threat = {};
    if (framework) target.threat.framework = framework;
    if (techniqueIds || techniqueNames) {
      target.threat.technique =
        techniqueIds && techniqueNames
          ? { id: techniqueIds, name: techniqueNames }
          : techniqueIds
            ? { id: techniqueIds }
            : { name: techniqueNames };
    }
    if (tactics) target.threat.tactic = { name: tactics };
  }
}

/** `C:\Windows\System32\cmd.exe` or `/usr/bin/bash` -> `cmd.exe` / `bash`. */
export function baseName(executable: string): string {
  const cut = Math.max(executable.lastIndexOf("\\"), executable.lastIndexOf("/"));
  return cut >= 0 ? executable.slice(cut + 1) : executable;
}

/** ECS event.category / event.type may be a string in old Winlogbeat; always return an array. */
export function stringArray(value: unknown): string[] | undefined {
  return list(value);
}
