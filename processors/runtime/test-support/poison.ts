// A corpus of malformed raw records for the poison-input tests: every one must become a dead letter with a
// reason (and its original bytes), never an event, never an exception. Kinds follow the list.
import { edrAlert, modbus } from "./scenario.ts";

export interface PoisonRecord {
  kind: string;
  stream: "edr" | "zeek";
  value: Buffer;
}

const T0 = Date.parse("2026-03-02T08:00:00Z");

function deepNesting(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/** `count` records cycling through every kind (a few kinds are large, so they appear once or twice). */
export function poisonCorpus(count: number): PoisonRecord[] {
  const out: PoisonRecord[] = [];
  const good = modbus(T0, "10.50.0.11", "READ_HOLDING_REGISTERS", 9);
  const alert = edrAlert(T0, 1);
  const kinds: Array<(i: number) => PoisonRecord> = [
    (i) => ({ kind: "truncated_json", stream: "zeek", value: Buffer.from(good.slice(0, 20 + (i % 40))) }),
    (i) => ({ kind: "truncated_json", stream: "edr", value: Buffer.from(alert.slice(0, 30 + (i % 50))) }),
    (i) => ({
      kind: "wrong_types",
      stream: "zeek",
      value: Buffer.from(JSON.stringify({ ...JSON.parse(good), ts: "yesterday", "id.orig_h": 10 + i, func: 7 })),
    }),
    () => ({
      kind: "wrong_types",
      stream: "edr",
      value: Buffer.from(JSON.stringify({ ...JSON.parse(alert), "@timestamp": 42, host: "x" })),
    }),
    () => ({ kind: "deep_nesting", stream: "zeek", value: Buffer.from(deepNesting(5000)) }),
    () => ({
      kind: "proto_keys",
      stream: "zeek",
      value: Buffer.from('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
    }),
    () => ({
      kind: "invalid_utf8",
      stream: "edr",
      value: Buffer.concat([
        Buffer.from('{"@timestamp":"2026-03-02T08:00:00Z","message":"'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('"}'),
      ]),
    }),
    () => ({
      kind: "far_future",
      stream: "zeek",
      value: Buffer.from(modbus(Date.parse("2200-01-01T00:00:00Z"), "10.50.0.11", "READ_COILS", 3)),
    }),
    () => ({
      kind: "far_past",
      stream: "zeek",
      value: Buffer.from(modbus(Date.parse("1901-01-01T00:00:00Z"), "10.50.0.11", "READ_COILS", 4)),
    }),
    (i) => ({ kind: "unknown_format", stream: "zeek", value: Buffer.from(JSON.stringify({ foo: "bar", n: i })) }),
    () => ({
      kind: "unknown_format",
      stream: "edr",
      value: Buffer.from("<Event><System><EventID>1</EventID></System></Event>"),
    }),
    () => ({ kind: "unknown_format", stream: "zeek", value: Buffer.from("1700000000.1,10.0.0.1,502,WRITE") }),
    () => ({ kind: "json_not_object", stream: "edr", value: Buffer.from("[1,2,3]") }),
    () => ({ kind: "empty", stream: "zeek", value: Buffer.alloc(0) }),
  ];
  for (let i = 0; out.length < count; i += 1) out.push(kinds[i % kinds.length]!(i));
  // Two records larger than ingest's 1 MiB record limit (the raw topic must accept them).
  out.push({
    kind: "huge_field",
    stream: "zeek",
    value: Buffer.from(JSON.stringify({ ...JSON.parse(good), pad: "x".repeat(1_200_000) })),
  });
  out.push({
    kind: "huge_field",
    stream: "edr",
    value: Buffer.from(JSON.stringify({ ...JSON.parse(alert), message: "y".repeat(1_100_000) })),
  });
  return out;
}
