// One simulated raw record: the exact JSON a source would put on its Kafka topic, when it happened (event
// time) and when the source would deliver it (Zeek writes conn.log when a connection closes, MDE's streaming
// API lags minutes). `chain` marks attack records for ground truth; it is never serialised.

export interface SimRecord {
  /** Event time, epoch milliseconds. */
  time: number;
  /** Delivery time, epoch milliseconds, >= time. Streaming and files follow this order. */
  emitAt: number;
  /** Raw topic (and NDJSON file stem) the record belongs to: one per source format. */
  topic: string;
  /** Kafka message key as the shipper would set it (host or connection id). */
  key?: string;
  value: Record<string, unknown>;
  /** Scenario instance id for attack records. */
  chain?: string;
}

/** Raw topics, one per source format (the `it.edr.*` / `ot.zeek.*` families of ARCHITECTURE.md section 1). */
export const simTopics = {
  elastic: "it.edr.defend",
  sysmon: "it.edr.sysmon",
  crowdstrike: "it.edr.crowdstrike",
  mde: "it.edr.mde",
  zeek: (logPath: string) => `ot.zeek.${logPath}`,
} as const;

/** ISO 8601 UTC with millisecond precision. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Windows/ETW style timestamp with 7 fractional digits (Elastic Defend, MDE `Timestamp`). */
export function iso7(ms: number, extra = 0): string {
  const base = new Date(Math.floor(ms)).toISOString().slice(0, 23);
  return `${base}${String(extra % 10000).padStart(4, "0")}Z`;
}

/** Zeek's `ts`: epoch seconds with microseconds. */
export function zeekTs(ms: number, micros = 0): number {
  return Number(((Math.floor(ms) * 1000 + (micros % 1000)) / 1e6).toFixed(6));
}

/** Stable ordering: delivery time, then event time, then topic, then insertion order. */
export function byEmitTime(a: SimRecord, b: SimRecord): number {
  return a.emitAt - b.emitAt || a.time - b.time || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0);
}
