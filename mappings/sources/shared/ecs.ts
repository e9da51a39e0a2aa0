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

export function ecsEndpoint(doc: Obj, name: "source" | "destination"): CanonicalEvent["source"] | undefined {
  const e: NonNullable<CanonicalEvent["source"]> = {};
  const address = ip(at2(doc, name, "ip")) ?? ip(at2(doc, name, "address"));
  if (address) e.ip = address;
  const p = port(at2(doc, name, "port"));
  if (p !== undefined) e.port = p;
  const m = mac(at2(doc, name, "mac"));
  if (m) e.mac = m;
  const domain = str(at2(doc, name, "domain"));
  if (domain) e.domain = domain;
  return Object.keys(e).length ? e : undefined;
}

export function ecsHost(doc: Obj): CanonicalEvent["host"] | undefined {
  const h: NonNullable<CanonicalEvent["host"]> = {};
  const id = str(at2(doc, "host", "id")) ?? str(at2(doc, "agent", "id"));
  if (id) h.id = id;
  const name = str(at2(doc, "host", "name"));
  if (name) h.name = name;
  const hostname = str(at2(doc, "host", "hostname"));
  if (hostname) h.hostname = hostname;
  const ips = list(at2(doc, "host", "ip"))
    ?.map(ip)
    .filter((a): a is string => a !== undefined && isJoinableIp(a));
  if (ips?.length) h.ip = [...new Set(ips)];
  const macs = list(at2(doc, "host", "mac"))
    ?.map(mac)
    .filter((m): m is string => m !== undefined);
  if (macs?.length) h.mac = [...new Set(macs)];
  const family = str(at3(doc, "host", "os", "family"));
  const osName = str(at3(doc, "host", "os", "name"));
  if (family || osName) h.os = { ...(family ? { family } : {}), ...(osName ? { name: osName } : {}) };
  return Object.keys(h).length ? h : undefined;
}

export function ecsProcess(doc: Obj): CanonicalEvent["process"] | undefined {
  const p = path(doc, "process");
  if (!isObject(p)) return undefined;
  const out: NonNullable<CanonicalEvent["process"]> = {};
  const entity = str(p.entity_id);
  if (entity) out.entity_id = entity;
  const pid = int(p.pid);
  if (pid !== undefined) out.pid = pid;
  const executable = str(p.executable);
  const name = str(p.name) ?? (executable ? baseName(executable) : undefined);
  if (name) out.name = name;
  if (executable) out.executable = executable;
  const cmd = str(p.command_line);
  if (cmd) out.command_line = cmd;
  if (isObject(p.parent)) {
    const parent: NonNullable<NonNullable<CanonicalEvent["process"]>["parent"]> = {};
    const pe = str(p.parent.entity_id);
    if (pe) parent.entity_id = pe;
    const ppid = int(p.parent.pid);
    if (ppid !== undefined) parent.pid = ppid;
    const pexe = str(p.parent.executable);
    const pname = str(p.parent.name) ?? (pexe ? baseName(pexe) : undefined);
    if (pname) parent.name = pname;
    if (pexe) parent.executable = pexe;
    if (Object.keys(parent).length) out.parent = parent;
  }
  return Object.keys(out).length ? out : undefined;
}

export function ecsUser(doc: Obj): CanonicalEvent["user"] | undefined {
  const u: NonNullable<CanonicalEvent["user"]> = {};
  const name = str(at2(doc, "user", "name"));
  if (name) u.name = name;
  const domain = str(at2(doc, "user", "domain"));
  if (domain) u.domain = domain;
  const id = str(at2(doc, "user", "id"));
  if (id) u.id = id;
  return Object.keys(u).length ? u : undefined;
}

export function ecsNetwork(doc: Obj): CanonicalEvent["network"] | undefined {
  const n: NonNullable<CanonicalEvent["network"]> = {};
  const transport = str(at2(doc, "network", "transport"));
  if (transport) n.transport = transport.toLowerCase();
  const protocol = list(at2(doc, "network", "protocol"))?.[0];
  if (protocol) n.protocol = protocol.toLowerCase();
  const direction = str(at2(doc, "network", "direction"));
  if (direction) n.direction = direction;
  const community = str(at2(doc, "network", "community_id"));
  if (community) n.community_id = community;
  return Object.keys(n).length ? n : undefined;
}

export function ecsRuleAndThreat(doc: Obj, target: CanonicalEvent): void {
  const ruleId = str(at2(doc, "rule", "id")) ?? str(at2(doc, "rule", "uuid"));
  const ruleName = str(at2(doc, "rule", "name")) ?? str(path(doc, "kibana.alert.rule.name"));
  if (ruleId || ruleName) target.rule = { ...(ruleId ? { id: ruleId } : {}), ...(ruleName ? { name: ruleName } : {}) };
  const framework = str(at2(doc, "threat", "framework"));
  const techniqueIds = list(at3(doc, "threat", "technique", "id"));
  const techniqueNames = list(at3(doc, "threat", "technique", "name"));
  const tactics = list(at3(doc, "threat", "tactic", "name"));
  if (framework || techniqueIds || tactics) {
    target.threat = {};
    if (framework) target.threat.framework = framework;
    if (techniqueIds || techniqueNames) {
      target.threat.technique = {
        ...(techniqueIds ? { id: techniqueIds } : {}),
        ...(techniqueNames ? { name: techniqueNames } : {}),
      };
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
