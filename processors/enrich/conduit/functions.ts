// The protocol vocabulary shared by the site model and events: which conduit service an event belongs to
// (app, port, transport) and whether its protocol function is on a service's allow/deny list. Function names
// compare case- and punctuation-insensitively, so `s7comm:PLC Stop`, `PLC_STOP` and `plc stop` are one name,
// and a list entry may also be the function's code (`modbus:90`).
import type { CompiledService } from "../site/model.ts";
import type { ServiceApp } from "../site/schema.ts";
import { ServiceApp as ServiceAppSchema } from "../site/schema.ts";

const apps = new Set<string>(ServiceAppSchema.options);

/** Zeek/Suricata/ICSNPP service and protocol names that differ from the site model's app names. */
const appAliases: Record<string, ServiceApp | null> = {
  "s7comm-plus": "s7comm_plus",
  s7commplus: "s7comm_plus",
  enip: "enip_cip",
  cip: "enip_cip",
  "opcua-binary": "opcua",
  opcua_binary: "opcua",
  "iec-104": "iec104",
  iec60870_5_104: "iec104",
  dce_rpc: "rpc",
  "dce-rpc": "rpc",
  mssql: "sql",
  mysql: "sql",
  postgresql: "sql",
  "ms-rdp": "rdp",
  rfb: "vnc",
  mms: "iec61850_mms",
  // Encryption layers say nothing about the application inside: match these by port only.
  ssl: null,
  tls: null,
  dtls: null,
  quic: null,
  other: null,
};

const appCache = new Map<string, ServiceApp | null>();

/** The site-model app of a protocol name, undefined when unknown or only a transport layer (TLS). */
export function appOf(protocol: string | undefined): ServiceApp | undefined {
  if (!protocol) return undefined;
  let app = appCache.get(protocol);
  if (app === undefined) {
    app = lookupApp(protocol);
    if (appCache.size > 10_000) appCache.clear(); // protocol names are a small vocabulary; bound it anyway
    appCache.set(protocol, app);
  }
  return app ?? undefined;
}

function lookupApp(protocol: string): ServiceApp | null {
  // Zeek's conn.log service may list several analysers ("ssl,rdp"): the first application one wins.
  for (const part of protocol.toLowerCase().split(",")) {
    const name = part.trim();
    const alias = appAliases[name];
    if (alias === null) continue;
    if (alias !== undefined) return alias;
    if (apps.has(name)) return name as ServiceApp;
  }
  return null;
}

const nameCache = new Map<string, string>();

/** `PLC Stop` -> `plc_stop`: the comparison form of a function name or code (memoised: a small vocabulary). */
export function normaliseFunctionName(name: string): string {
  let out = nameCache.get(name);
  if (out === undefined) {
    out = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "");
    if (nameCache.size > 10_000) nameCache.clear();
    nameCache.set(name, out);
  }
  return out;
}

/** Splits a list entry `<app>:<name>` (or `<name>`) into its app prefix and normalised name. */
export function parseFunctionEntry(entry: string): { app?: string; name: string } {
  const colon = entry.indexOf(":");
  if (colon > 0 && apps.has(entry.slice(0, colon).toLowerCase())) {
    return { app: entry.slice(0, colon).toLowerCase(), name: normaliseFunctionName(entry.slice(colon + 1)) };
  }
  return { name: normaliseFunctionName(entry) };
}

export interface FlowService {
  app?: ServiceApp;
  port?: number;
  transport?: string;
}

/**
 * Whether a flow belongs to a service: ports must match when both sides state them, the app must match when
 * the flow's app is known; a flow of unknown app (a bare conn record, TLS) needs a port match.
 */
export function serviceMatches(service: CompiledService, flow: FlowService): boolean {
  if (service.transport && flow.transport && service.transport !== flow.transport) return false;
  if (service.ports && flow.port !== undefined) {
    let inRange = false;
    for (const [low, high] of service.ports) {
      if (flow.port >= low && flow.port <= high) {
        inRange = true;
        break;
      }
    }
    if (!inRange) return false;
  }
  if (flow.app !== undefined) return flow.app === service.app;
  return service.ports !== undefined && flow.port !== undefined;
}

export interface FlowFunction {
  action?: string;
  name?: string;
  code?: string;
}

export type FunctionFinding = "function_denied" | "function_not_allowed" | undefined;

/** Checks a flow's function against a service's lists; a flow that carries no function is not judged. */
export function checkFunction(service: CompiledService, fn: FlowFunction): FunctionFinding {
  const name = fn.name === undefined ? undefined : normaliseFunctionName(fn.name);
  const code = fn.code === undefined ? undefined : normaliseFunctionName(fn.code);
  const action = fn.action as never;
  if (inList(service.functionsDenied, name, code) || (fn.action !== undefined && service.actionsDenied?.has(action))) {
    return "function_denied";
  }
  // An allow-list judges only what the flow states: names against functions_allowed, the action against
  // actions_allowed; either list admitting the flow admits it.
  const byName =
    service.functionsAllowed && (name !== undefined || code !== undefined)
      ? inList(service.functionsAllowed, name, code)
      : undefined;
  const byAction = service.actionsAllowed && fn.action !== undefined ? service.actionsAllowed.has(action) : undefined;
  if (byName === undefined && byAction === undefined) return undefined;
  if (byName || byAction) return undefined;
  return "function_not_allowed";
}

function inList(list: ReadonlySet<string> | undefined, name: string | undefined, code: string | undefined): boolean {
  return list !== undefined && ((name !== undefined && list.has(name)) || (code !== undefined && list.has(code)));
}
