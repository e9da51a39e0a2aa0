import { describe, expect, it } from "vitest";
import { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { ingestRecord } from "./core.ts";
import { DEAD_LETTER_CODES } from "./reasons.ts";
import { validateFast, validateWithSchema } from "./validate.ts";
import { readZeekTsv } from "./zeek-tsv-reader.ts";

const zeekModbus = {
  ts: 1767225600.5,
  uid: "ClEkJM2Vm5giqnMf4h",
  "id.orig_h": "10.20.1.15",
  "id.orig_p": 47785,
  "id.resp_h": "10.30.2.10",
  "id.resp_p": 502,
  tid: 10,
  unit: 7,
  func: "WRITE_SINGLE_REGISTER",
  pdu_type: "REQ",
};
const at = { topic: "ot.zeek.modbus", partition: 3, offset: "42" };

function one(value: string | Uint8Array, options = {}) {
  return ingestRecord({ value, provenance: at }, options);
}

describe("ingestRecord", () => {
  it("normalises a Zeek JSON record with provenance, ingest time and a valid canonical event", () => {
    const { events, deadLetters } = one(JSON.stringify(zeekModbus), { ingestedAt: "2026-01-01T00:00:10Z" });
    expect(deadLetters).toEqual([]);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(CanonicalEvent.parse(e)).toBeTruthy();
    expect(e.gapwatch.provenance).toMatchObject({ ...at, format: "zeek", schema: "zeek-dotted:zeek-modbus/current" });
    expect(e.event.ingested).toBe("2026-01-01T00:00:10.000Z");
    expect(e.ot).toMatchObject({ protocol: "modbus", action: "write", unit_id: 7, is_request: true });
  });

  it("dead-letters invalid UTF-8 with the exact bytes, never a repaired string", () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"ts":1,"uid":"C'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('"}'),
    ]);
    const { events, deadLetters } = one(bytes);
    expect(events).toEqual([]);
    expect(deadLetters[0]).toMatchObject({ code: "invalid_utf8", provenance: at });
    expect(deadLetters[0]!.reason).toContain("byte 16");
    expect(Buffer.from(deadLetters[0]!.original, "base64")).toEqual(Buffer.from(bytes));
  });

  it("reports JSON syntax errors with their position", () => {
    const { deadLetters } = one('{"ts": 1, "uid": }');
    expect(deadLetters[0]!.code).toBe("parse_error");
    expect(deadLetters[0]!.reason).toMatch(/position \d+/);
  });

  it("enforces size and depth limits", () => {
    expect(one("x".repeat(100), { limits: { maxRecordBytes: 50 } }).deadLetters[0]!.code).toBe("record_too_large");
    expect(one(new Uint8Array(100).fill(32), { limits: { maxRecordBytes: 50 } }).deadLetters[0]!.code).toBe(
      "record_too_large",
    );
    const deep = `{"a":${"[".repeat(40)}1${"]".repeat(40)}}`;
    expect(one(deep).deadLetters[0]!.code).toBe("depth_exceeded");
    // Brackets inside strings do not count.
    expect(one(JSON.stringify({ ...zeekModbus, note: "[".repeat(100) })).events).toHaveLength(1);
  });

  it("drops prototype-polluting keys", () => {
    const text = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},${JSON.stringify(zeekModbus).slice(1)}`;
    const { events } = one(text);
    expect(events).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(events[0]!, "__proto__")).toBe(false);
  });

  it("drops a polluting key spelled with escapes, and keeps the fast path for a plain `proto` key", () => {
    // `\u005f_proto__` decodes to `__proto__`: the reviver removes it, leaving an empty, unknown record.
    const inner = JSON.stringify(zeekModbus);
    expect(one(`{"\\u005f_proto__":${inner}}`).deadLetters[0]!.code).toBe("unknown_format");
    const conn = JSON.stringify({ ...zeekModbus, proto: "tcp" });
    expect(one(conn).events).toHaveLength(1);
  });

  it("dead-letters empty, non-JSON and unknown records", () => {
    expect(one("   ").deadLetters[0]!.code).toBe("empty_record");
    expect(one("hello").deadLetters[0]!.code).toBe("unknown_format");
    expect(one("[1,2]").deadLetters[0]!.code).toBe("unsupported_record");
    expect(one('{"some":"thing"}').deadLetters[0]!.code).toBe("unknown_format");
    expect(one(JSON.stringify(zeekModbus), { format: "nope" }).deadLetters[0]).toMatchObject({
      code: "unknown_format",
      format: "nope",
    });
  });

  it("honours a per-topic format override instead of detection", () => {
    const { deadLetters } = one(JSON.stringify(zeekModbus), { format: "crowdstrike-fdr" });
    expect(deadLetters[0]).toMatchObject({
      code: "missing_field",
      field: "event_simpleName",
      format: "crowdstrike-fdr",
    });
  });

  it("rejects absurd event times relative to ingest time", () => {
    const future = one(JSON.stringify({ ...zeekModbus, ts: 4102444800 }), { ingestedAt: "2026-01-01T00:00:00Z" });
    expect(future.deadLetters[0]).toMatchObject({ code: "timestamp_out_of_range", field: "@timestamp" });
    const past = one(JSON.stringify({ ...zeekModbus, ts: 0 }), { ingestedAt: "2026-01-01T00:00:00Z" });
    expect(past.deadLetters[0]!.code).toBe("timestamp_out_of_range");
    const allowed = one(JSON.stringify({ ...zeekModbus, ts: 0 }), {
      ingestedAt: "2026-01-01T00:00:00Z",
      timeBounds: { maxPastSeconds: 2e9 },
    });
    expect(allowed.events).toHaveLength(1);
    expect(one(JSON.stringify({ ...zeekModbus, ts: "XXXXXXXXXX.XXXXXX" })).deadLetters[0]!.code).toBe(
      "timestamp_masked",
    );
  });

  it("splits an MDE envelope into events and per-record dead letters", () => {
    const good = {
      category: "AdvancedHunting-DeviceLogonEvents",
      properties: {
        ActionType: "LogonSuccess",
        DeviceId: "d1",
        Timestamp: "2026-01-01T00:00:00Z",
        LogonType: "Network",
      },
    };
    const bad = { category: "AdvancedHunting-DeviceLogonEvents", properties: { DeviceId: "d1" } };
    const { events, deadLetters } = one(JSON.stringify({ records: [good, bad, good] }));
    expect(events).toHaveLength(2);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({
      code: "missing_field",
      field: "records[1].properties.Timestamp",
      format: "mde",
    });
  });

  it("bounds and redacts event.original", () => {
    const record = { ...zeekModbus, password: "hunter2", token: "abc", note: "y".repeat(10_000) };
    const e = one(JSON.stringify(record)).events[0]!;
    expect(e.event.original!.length).toBeLessThanOrEqual(4096);
    expect(e.event.original).not.toContain("hunter2");
    expect(e.event.original).toContain('"password":"[REDACTED]"');
    expect(one(JSON.stringify(record), { originalMaxChars: 0 }).events[0]!.event.original).toBeUndefined();
  });

  it("ingests Zeek TSV lines with their header, and dead-letters a line that does not fit it", () => {
    const text = [
      "#separator \\x09",
      "#path\tmodbus",
      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tfunc\texception",
      "1767225600.1\tC1\t10.0.0.1\t1502\t10.0.0.2\t502\tWRITE_SINGLE_COIL\t-",
      "1767225600.2\tC1\t10.0.0.1\t1502",
    ].join("\n");
    const results = [...readZeekTsv(text, { file: "modbus.log" })].map((r) => ingestRecord(r));
    expect(results[0]!.events[0]!.gapwatch.provenance).toMatchObject({
      file: "modbus.log",
      line: 4,
      schema: "zeek-tsv:zeek-modbus/legacy",
    });
    expect(results[1]!.deadLetters[0]).toMatchObject({
      code: "parse_error",
      field: "#fields",
      provenance: { file: "modbus.log", line: 5 },
    });
  });

  it("falls back to a documented layout for header-less TSV, else dead-letters", () => {
    const line = "1767225600.1\tC1\t10.0.0.1\t1502\t10.0.0.2\t502\tREAD_COILS\t-";
    const known = [...readZeekTsv(line, { file: "baseline/modbus.log" })].map((r) => ingestRecord(r))[0]!;
    expect(known.events[0]!.ot?.function?.name).toBe("READ_COILS");
    const unknown = [...readZeekTsv(line, { file: "whatever.log" })].map((r) => ingestRecord(r))[0]!;
    expect(unknown.deadLetters[0]!.code).toBe("unknown_format");
  });

  it("exports stable reason codes", () => {
    expect(DEAD_LETTER_CODES).toContain("validation_failed");
    expect(new Set(DEAD_LETTER_CODES).size).toBe(DEAD_LETTER_CODES.length);
  });
});

describe("validation paths agree", () => {
  const base = one(JSON.stringify(zeekModbus)).events[0]!;
  // biome-ignore lint/suspicious/noExplicitAny: the test breaks arbitrary nested fields on purpose.
  const broken: [string, (e: Record<string, any>) => void][] = [
    ["@timestamp", (e) => (e["@timestamp"] = "yesterday")],
    ["event.kind", (e) => (e.event.kind = "weird")],
    ["event.category", (e) => (e.event.category = [])],
    ["source.ip", (e) => (e.source.ip = "999.1.1.1")],
    ["destination.port", (e) => (e.destination.port = 70000)],
    ["ot.action", (e) => (e.ot.action = "destroy")],
    ["ot.unit_id", (e) => (e.ot.unit_id = 1.5)],
    ["observer.type", (e) => (e.observer.type = "ids")],
  ];
  for (const [field, breakIt] of broken) {
    it(`both reject a bad ${field}`, () => {
      // biome-ignore lint/suspicious/noExplicitAny: see above.
      const e = structuredClone(base) as Record<string, any>;
      breakIt(e);
      expect(validateWithSchema(e)?.field).toBe(field);
      expect(validateFast(e)?.field).toBe(field);
    });
  }
});

describe("flat-dotted ECS documents", () => {
  it("are detected and normalised like nested ones", () => {
    const flat = {
      "@timestamp": "2026-01-01T00:00:00Z",
      "event.kind": "event",
      "event.dataset": "endpoint.events.process",
      "event.category": ["process"],
      "host.id": "h1",
      "host.name": "ews-01",
      "process.pid": 42,
      "process.name": "cmd.exe",
    };
    const { events, deadLetters } = ingestRecord({ value: JSON.stringify(flat), provenance: { topic: "it.edr" } });
    expect(deadLetters).toEqual([]);
    expect(events[0]).toMatchObject({ host: { id: "h1", name: "ews-01" }, process: { pid: 42, name: "cmd.exe" } });
    expect(events[0]!.gapwatch.provenance.format).toBe("elastic-defend");
  });
});
