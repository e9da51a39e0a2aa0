import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rowTexts } from "./json-text.ts";

// Writes a JSON value the way other producers might: random whitespace, other spellings of numbers and
// escapes, duplicate keys. Parsing the result gives back the same value (checked), not the same text.
function messy(value: unknown, rnd: () => number): string {
  const ws = () => (rnd() < 0.1 ? [" ", "\n", "\t", "\r\n  "][Math.floor(rnd() * 4)]! : "");
  if (typeof value === "number") {
    if (rnd() < 0.2 && Number.isInteger(value) && Math.abs(value) < 1e15) return `${value}.0`;
    if (rnd() < 0.1) return value.toExponential();
    if (rnd() < 0.05 && value === 0) return "-0";
    return JSON.stringify(value);
  }
  if (typeof value === "string") {
    let out = '"';
    for (const ch of value) {
      const code = ch.codePointAt(0)!;
      if (ch === "/" && rnd() < 0.5) out += "\\/";
      else if (code < 0x10000 && rnd() < 0.05) out += `\\u${code.toString(16).padStart(4, "0")}`;
      else out += JSON.stringify(ch).slice(1, -1);
    }
    return `${out}"`;
  }
  if (Array.isArray(value)) return `[${ws()}${value.map((v) => messy(v, rnd)).join(`${ws()},${ws()}`)}${ws()}]`;
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value).map(([k, v]) => `${messy(k, rnd)}${ws()}:${ws()}${messy(v, rnd)}`);
    if (members.length && rnd() < 0.1) members.unshift(`${messy(Object.keys(value)[0]!, rnd)}:1`); // duplicate key
    return `{${ws()}${members.join(`,${ws()}`)}${ws()}}`;
  }
  return JSON.stringify(value);
}

const row = fc.dictionary(
  fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.constantFrom("Timestamp", "0", "12", "a/b", "path\\x", "__proto__", "\ud800x", "\u0001\u007f\u2028é"),
  ),
  fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: "binary" }), fc.constantFrom("\udc00", "a\u0008\u001fb")),
);

describe("rowTexts", () => {
  it("gives JSON.stringify of each row, or undefined, whatever the envelope text", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), fc.integer(), (rows, seed) => {
        let state = seed;
        const rnd = () => {
          state = (state * 1103515245 + 12345) & 0x7fffffff;
          return state / 0x7fffffff;
        };
        const envelope = { time: "2026-01-01T00:00:00Z", records: rows, category: "x" };
        for (const text of [JSON.stringify(envelope), JSON.stringify(envelope, null, 2), messy(envelope, rnd)]) {
          const parsed = JSON.parse(text) as { records: unknown[] };
          const texts = rowTexts(text, parsed.records, true);
          expect(texts).toHaveLength(parsed.records.length);
          texts.forEach((t, i) => {
            if (t !== undefined) expect(t).toBe(JSON.stringify(parsed.records[i]));
          });
          const single = JSON.stringify(parsed.records[0]);
          const alone = rowTexts(text === JSON.stringify(envelope) ? single : messy(rows[0], rnd), [rows[0]], false);
          if (alone[0] !== undefined) expect(alone[0]).toBe(single);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("slices compact envelopes instead of giving up on them", () => {
    const rows = [
      { Timestamp: "2026-01-01T00:00:00Z", FolderPath: "C:\\Windows\\x.exe", ProcessId: 4410, Ok: true, N: null },
      { Timestamp: "2026-01-01T00:00:01Z", Ratio: 0.5, Big: 1e21, Nested: { a: [1, "x\n"] } },
    ];
    const text = JSON.stringify({ records: rows, time: "t" });
    expect(rowTexts(text, JSON.parse(text).records, true)).toEqual(rows.map((r) => JSON.stringify(r)));
    expect(rowTexts(JSON.stringify(rows[0]), [rows[0]], false)).toEqual([JSON.stringify(rows[0])]);
  });

  it("refuses texts a slice would misrepresent", () => {
    for (const text of [
      '{"records":[{"a":1,"a":2}]}', // duplicate key: JSON.parse keeps one
      '{"records":[{"b":1,"2":2}]}', // integer-like key: objects re-order it
      '{"records":[{"a":1.0}]}', // number spelling
      '{"records":[{"a":"\\/"}]}', // escape spelling
      '{"records":[{"a":"\\u0041"}]}',
      '{"records":[{"a": 1}]}',
      '{"records":[{"a":-0}]}',
      '{"records":[{"a":1}],"records":[{"b":2}]}', // the last one is kept: sliced from it
    ]) {
      const rows = (JSON.parse(text) as { records: unknown[] }).records;
      const [t] = rowTexts(text, rows, true);
      expect(t === undefined || t === JSON.stringify(rows[0]), text).toBe(true);
    }
    const dropped = '{"records":[{"__proto__":1,"a":2}]}';
    const revived = JSON.parse(dropped, (k, v) => (k === "__proto__" ? undefined : v)) as { records: unknown[] };
    expect(rowTexts(dropped, revived.records, true)).toEqual([undefined]);
  });
});
