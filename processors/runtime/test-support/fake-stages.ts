// Hand-written stand-ins for the stage modules, for the runtime's own unit tests (a fake of gapwatch's
// own seams, never of Kafka or Elasticsearch). Input lines are tiny JSON objects:
//   {"t": "2026-01-01T00:00:00Z", "kind": "alert", "host": "ws-1", "ip": "10.0.0.5"}
//   {"t": "...", "kind": "write", "src": "10.0.0.5", "dst": "10.9.0.1"}
// The engine raises "alert-then-write" when a write follows an alert on the same IP (key = IP); an
// incident is updated (count grows) by each further write, and "hop" events derive one event per hop.
import { createHash } from "node:crypto";
import type { Incident } from "../../../detections/shared/incident.ts";
import type { CanonicalEvent } from "../../../mappings/schema/canonical-event.ts";
import type { CorrelationEngine, EngineOutput, IdentityTable, LeaseUpdate, RawRecord, Stages } from "../stages.ts";

interface FakeInput {
  t: string;
  kind: "alert" | "write" | "hop";
  host?: string;
  ip?: string;
  src?: string;
  dst?: string;
  hops?: number;
}

function toEvent(input: FakeInput, raw: RawRecord): CanonicalEvent {
  return {
    "@timestamp": input.t,
    event: { kind: input.kind === "alert" ? "alert" : "event", category: ["network"], dataset: `fake.${input.kind}` },
    observer: { type: input.kind === "alert" ? "edr" : "ot-sensor" },
    ...(input.host ? { host: { name: input.host, ip: input.ip ? [input.ip] : [] } } : {}),
    ...(input.src ? { source: { ip: input.src } } : {}),
    ...(input.dst ? { destination: { ip: input.dst } } : {}),
    labels: { hops: String(input.hops ?? 0) },
    gapwatch: {
      schema_version: "1",
      provenance: { ...raw.provenance, format: "fake", schema: "fake/1" },
    },
  };
}

function keyOf(event: CanonicalEvent): string[] {
  const ip = event.host?.ip?.[0] ?? event.source?.ip;
  return ip ? [ip] : [];
}

function createFakeEngine(): CorrelationEngine {
  let state: { alerts: Record<string, string>; open: Record<string, Incident>; watermark: number | null } = {
    alerts: {},
    open: {},
    watermark: null,
  };
  const none: EngineOutput = { incidents: [], derived: [] };
  return {
    process(event, key) {
      const time = Date.parse(event["@timestamp"]);
      state.watermark = Math.max(state.watermark ?? time, time);
      if (event.event.kind === "alert") {
        state.alerts[key] = event["@timestamp"];
        return none;
      }
      const hops = Number(event.labels?.hops ?? 0);
      if (event.event.dataset === "fake.hop" && hops > 0) {
        const next: CanonicalEvent = { ...event, labels: { hops: String(hops - 1) } };
        return { incidents: [], derived: [next] };
      }
      const since = state.alerts[key];
      if (!since) return none;
      const id = createHash("sha256").update(`alert-then-write|${key}|${since}`).digest("hex").slice(0, 20);
      const previous = state.open[id];
      const incident = {
        id,
        key,
        window_start: since,
        first_seen: since,
        last_seen: event["@timestamp"],
        count: (previous?.count ?? 1) + 1,
        message: `write from ${key} after an EDR alert`,
      } as Incident;
      state.open[id] = incident;
      return { incidents: [incident], derived: [] };
    },
    advanceWatermark: () => none,
    flush: () => none,
    snapshot: () => structuredClone(state),
    restore(snapshot) {
      state = structuredClone(snapshot) as typeof state;
    },
    metrics: () => ({
      stateEntries: { "alert-then-write": Object.keys(state.alerts).length },
      evictions: {},
      lateEvents: 0,
      watermarkMs: state.watermark,
    }),
  };
}

function createFakeIdentity(): IdentityTable & { leases: Map<string, LeaseUpdate> } {
  const leases = new Map<string, LeaseUpdate>();
  return {
    leases,
    learn: (event) =>
      event.observer.type === "edr" && event.host?.name
        ? (event.host.ip ?? []).map((ip) => ({ key: ip, value: { host: event.host?.name, at: event["@timestamp"] } }))
        : [],
    apply: (update) => {
      leases.set(update.key, update);
    },
  };
}

export const fakeStages: Stages = {
  decode(raw) {
    const text = typeof raw.value === "string" ? raw.value : Buffer.from(raw.value).toString("utf8");
    try {
      const input = JSON.parse(text) as FakeInput;
      if (typeof input.t !== "string" || Number.isNaN(Date.parse(input.t))) throw new Error("bad @timestamp");
      return { events: [toEvent(input, raw)], deadLetters: [] };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        events: [],
        deadLetters: [{ code: "fake.invalid", reason, provenance: raw.provenance, original: raw.value }],
      };
    }
  },
  readZeekTsv: () => [],
  createIdentity: createFakeIdentity,
  enrich(event, identity) {
    const leases = (identity as ReturnType<typeof createFakeIdentity>).leases;
    const owner = event.source?.ip ? leases.get(event.source.ip) : undefined;
    return owner
      ? { ...event, labels: { ...event.labels, owner: String((owner.value as { host: string }).host) } }
      : event;
  },
  routingKeys: keyOf,
  createEngine: createFakeEngine,
  toEcs: (incident) => ({
    "event.kind": "alert",
    "gapwatch.incident.id": incident.id,
    count: incident.count,
    message: incident.message,
  }),
};
