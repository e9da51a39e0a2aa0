// Readers for ECS-shaped documents (Elastic Defend, Winlogbeat/Elastic Agent, Malcolm). ECS documents are
// mostly right already; these copy only the fields the canonical event has, with types enforced (a string pid
// becomes a number, an invalid IP is dropped) and host.ip cleaned of loopback and link-local addresses that
// would poison the IP -> host identity join (research §C).
import type { CanonicalEvent } from "../../schema/canonical-event.ts";
import { int, ip, isObject, list, mac, path, port, str } from "./values.ts";

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
  const address = ip(path(doc, `${name}.ip`)) ?? ip(path(doc, `${name}.address`));
  if (address) e.ip = address;
  const p = port(path(doc, `${name}.port`));
  if (p !== undefined) e.port = p;
  const m = mac(path(doc, `${name}.mac`));
  if (m) e.mac = m;
  const domain = str(path(doc, `${name}.domain`));
  if (domain) e.domain = domain;
  return Object.keys(e).length ? e : undefined;
}

export function ecsHost(doc: Obj): CanonicalEvent["host"] | undefined {
  const h: NonNullable<CanonicalEvent["host"]> = {};
  const id = str(path(doc, "host.id")) ?? str(path(doc, "agent.id"));
  if (id) h.id = id;
  const name = str(path(doc, "host.name"));
  if (name) h.name = name;
  const hostname = str(path(doc, "host.hostname"));
  if (hostname) h.hostname = hostname;
  const ips = list(path(doc, "host.ip"))
    ?.map(ip)
    .filter((a): a is string => a !== undefined && isJoinableIp(a));
  if (ips?.length) h.ip = [...new Set(ips)];
  const macs = list(path(doc, "host.mac"))
    ?.map(mac)
    .filter((m): m is string => m !== undefined);
  if (macs?.length) h.mac = [...new Set(macs)];
  const family = str(path(doc, "host.os.family"));
  const osName = str(path(doc, "host.os.name"));
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
  const name = str(path(doc, "user.name"));
  if (name) u.name = name;
  const domain = str(path(doc, "user.domain"));
  if (domain) u.domain = domain;
  const id = str(path(doc, "user.id"));
  if (id) u.id = id;
  return Object.keys(u).length ? u : undefined;
}

export function ecsNetwork(doc: Obj): CanonicalEvent["network"] | undefined {
  const n: NonNullable<CanonicalEvent["network"]> = {};
  const transport = str(path(doc, "network.transport"));
  if (transport) n.transport = transport.toLowerCase();
  const protocol = list(path(doc, "network.protocol"))?.[0];
  if (protocol) n.protocol = protocol.toLowerCase();
  const direction = str(path(doc, "network.direction"));
  if (direction) n.direction = direction;
  const community = str(path(doc, "network.community_id"));
  if (community) n.community_id = community;
  return Object.keys(n).length ? n : undefined;
}

export function ecsRuleAndThreat(doc: Obj, target: CanonicalEvent): void {
  const ruleId = str(path(doc, "rule.id")) ?? str(path(doc, "rule.uuid"));
  const ruleName = str(path(doc, "rule.name")) ?? str(path(doc, "kibana.alert.rule.name"));
  if (ruleId || ruleName) target.rule = { ...(ruleId ? { id: ruleId } : {}), ...(ruleName ? { name: ruleName } : {}) };
  const framework = str(path(doc, "threat.framework"));
  const techniqueIds = list(path(doc, "threat.technique.id"));
  const techniqueNames = list(path(doc, "threat.technique.name"));
  const tactics = list(path(doc, "threat.tactic.name"));
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
