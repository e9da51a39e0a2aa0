// Validation of normalised events against the canonical contract. Two interchangeable paths:
// - "schema": CanonicalEvent.safeParse (zod), the contract itself; the failing path is reported.
// - "fast": a hand-written check of the invariants normalisers could break (required fields, enums, ISO time,
//   IPs, ports, integer pids). Normalisers build events from typed readers (shared/values.ts), so the
//   remaining risks are few; tests/fuzz run every event through BOTH and require them to agree, which is what
//   lets the hot path skip zod (see processors/ingest/README.md for the measured difference).
import { CanonicalEvent, OtAction, OtProtocol } from "../../mappings/schema/canonical-event.ts";
import { isPlainIsoJustProduced } from "../../mappings/sources/shared/time.ts";
import { ip } from "../../mappings/sources/shared/values.ts";

export interface ValidationFailure {
  field: string;
  reason: string;
}

export function validateWithSchema(event: unknown): ValidationFailure | undefined {
  const result = CanonicalEvent.safeParse(event);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return { field: issue.path.map(String).join(".") || "(root)", reason: issue.message };
}

const KINDS = new Set(["event", "alert", "signal", "metric", "state"]);
const OUTCOMES = new Set(["success", "failure", "unknown"]);
const OBSERVERS = new Set(["edr", "ot-sensor"]);
const ACTIONS: ReadonlySet<string> = new Set(OtAction.options);
const PROTOCOLS: ReadonlySet<string> = new Set(OtProtocol.options);
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

// event.ingested is the same string for a whole batch: remember the last one that passed.
let lastIngested = "";
function isIsoIngested(v: unknown): boolean {
  if (v === lastIngested) return true;
  if (!isStr(v) || !ISO_MS.test(v as string)) return false;
  lastIngested = v as string;
  return true;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStr = (v: unknown) => typeof v === "string";
const optStr = (v: unknown) => v === undefined || typeof v === "string";
const optInt = (v: unknown) => v === undefined || Number.isInteger(v);
const allStr = (a: unknown[]) => {
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== "string") return false;
  return true;
};
const optStrArray = (v: unknown) => v === undefined || (Array.isArray(v) && allStr(v));
const allIps = (a: unknown[]) => {
  for (let i = 0; i < a.length; i++) if (ip(a[i]) !== a[i]) return false;
  return true;
};

function endpoint(e: unknown, name: string): ValidationFailure | undefined {
  if (e === undefined) return undefined;
  if (!isObj(e)) return { field: name, reason: "expected object" };
  if (e.ip !== undefined && ip(e.ip) !== e.ip) return { field: `${name}.ip`, reason: "invalid IP address" };
  if (e.port !== undefined && !(Number.isInteger(e.port) && (e.port as number) >= 0 && (e.port as number) <= 65535)) {
    return { field: `${name}.port`, reason: "invalid port" };
  }
  if (!optStr(e.mac)) return { field: `${name}.mac`, reason: "expected string" };
  if (!optStr(e.domain)) return { field: `${name}.domain`, reason: "expected string" };
  return undefined;
}

export function validateFast(ev: Obj): ValidationFailure | undefined {
  const ts = ev["@timestamp"];
  if (!isStr(ts) || !(isPlainIsoJustProduced(ts as string) || ISO_MS.test(ts as string)))
    return { field: "@timestamp", reason: "expected ISO 8601 date-time" };
  const event = ev.event;
  if (!isObj(event)) return { field: "event", reason: "expected object" };
  if (!KINDS.has(event.kind as string)) return { field: "event.kind", reason: "invalid enum value" };
  if (!Array.isArray(event.category) || event.category.length === 0 || !allStr(event.category)) {
    return { field: "event.category", reason: "expected non-empty string array" };
  }
  if (!isStr(event.dataset)) return { field: "event.dataset", reason: "expected string" };
  if (!optStrArray(event.type)) return { field: "event.type", reason: "expected string array" };
  if (!optStr(event.action)) return { field: "event.action", reason: "expected string" };
  if (!optStr(event.id)) return { field: "event.id", reason: "expected string" };
  if (!optStr(event.code)) return { field: "event.code", reason: "expected string" };
  if (!optStr(event.original)) return { field: "event.original", reason: "expected string" };
  if (event.outcome !== undefined && !OUTCOMES.has(event.outcome as string))
    return { field: "event.outcome", reason: "invalid enum value" };
  if (event.severity !== undefined && !Number.isFinite(event.severity))
    return { field: "event.severity", reason: "expected number" };
  if (event.risk_score !== undefined && !Number.isFinite(event.risk_score))
    return { field: "event.risk_score", reason: "expected number" };
  if (event.ingested !== undefined && !isIsoIngested(event.ingested))
    return { field: "event.ingested", reason: "expected ISO 8601" };
  if (!isObj(ev.observer) || !OBSERVERS.has(ev.observer.type as string))
    return { field: "observer.type", reason: "invalid enum value" };
  const bad = endpoint(ev.source, "source") ?? endpoint(ev.destination, "destination");
  if (bad) return bad;
  const host = ev.host;
  if (host !== undefined) {
    if (!isObj(host)) return { field: "host", reason: "expected object" };
    if (host.ip !== undefined && !(Array.isArray(host.ip) && allIps(host.ip)))
      return { field: "host.ip", reason: "invalid IP address" };
    if (!optStrArray(host.mac)) return { field: "host.mac", reason: "expected string array" };
    if (!optStr(host.id)) return { field: "host.id", reason: "expected string" };
    if (!optStr(host.name)) return { field: "host.name", reason: "expected string" };
    if (!optStr(host.hostname)) return { field: "host.hostname", reason: "expected string" };
    if (host.os !== undefined && (!isObj(host.os) || !optStr(host.os.family) || !optStr(host.os.name)))
      return { field: "host.os", reason: "expected strings" };
  }
  const process = ev.process;
  if (process !== undefined) {
    if (!isObj(process) || !optInt(process.pid)) return { field: "process.pid", reason: "expected integer" };
    if (process.parent !== undefined && (!isObj(process.parent) || !optInt(process.parent.pid)))
      return { field: "process.parent.pid", reason: "expected integer" };
  }
  const ot = ev.ot;
  if (ot !== undefined) {
    if (!isObj(ot)) return { field: "ot", reason: "expected object" };
    if (!PROTOCOLS.has(ot.protocol as string)) return { field: "ot.protocol", reason: "invalid enum value" };
    if (!ACTIONS.has(ot.action as string)) return { field: "ot.action", reason: "invalid enum value" };
    if (!optInt(ot.unit_id)) return { field: "ot.unit_id", reason: "expected integer" };
    if (ot.is_request !== undefined && typeof ot.is_request !== "boolean")
      return { field: "ot.is_request", reason: "expected boolean" };
  }
  const g = ev.gapwatch;
  if (!isObj(g) || g.schema_version !== "1" || !isObj(g.provenance))
    return { field: "gapwatch", reason: "missing provenance" };
  if (!isStr(g.provenance.format) || !isStr(g.provenance.schema))
    return { field: "gapwatch.provenance", reason: "format and schema required" };
  return undefined;
}
