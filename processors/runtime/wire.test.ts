import { describe, expect, it } from "vitest";
import { deadLetterLine, decodeRoutedEvent, encodeDeadLetter, encodeRoutedEvent, HEADER, isAfter } from "./wire.ts";

describe("internal record formats", () => {
  it("round-trips a routed event with its origin position", () => {
    const event = { "@timestamp": "2026-01-01T00:00:00Z" } as never;
    const out = encodeRoutedEvent("e", { key: "k", event, generation: 2 }, { origin: "raw:1", offset: 42n, seq: 3 });
    const back = decodeRoutedEvent({
      topic: "e",
      partition: 0,
      offset: "0",
      key: out.key,
      value: Buffer.from(String(out.value)),
      headers: out.headers ?? {},
      timestamp: 0,
    });
    expect(back).toEqual({
      ok: true,
      routed: { key: "k", event, generation: 2 },
      origin: { origin: "raw:1", offset: 42n, seq: 3 },
    });
    const input = encodeRoutedEvent("e", { key: "k", event, generation: 0 }, { origin: "raw:1", offset: 1n, seq: 0 });
    expect(input.headers?.[HEADER.generation]).toBeUndefined();
    const decoded = decodeRoutedEvent({ ...inputRecord(input), value: Buffer.from(String(input.value)) });
    expect(decoded.ok && decoded.routed.generation).toBe(0);
    expect(isAfter({ offset: 42n, seq: 3 }, { offset: 42n, seq: 4 })).toBe(true);
    expect(isAfter({ offset: 42n, seq: 3 }, { offset: 42n, seq: 3 })).toBe(false);
  });

  it("keeps a dead letter's original bytes, cutting only what the topic could not hold", () => {
    const original = new Uint8Array([0xff, 0xfe, 1, 2, 3, 4]);
    const dead = {
      code: "invalid_utf8",
      reason: "bad",
      provenance: { topic: "t", partition: 1, offset: "9" },
      original,
    };
    const whole = encodeDeadLetter("dlq", dead);
    expect(whole.value).toBe(original);
    expect(whole.headers).toMatchObject({
      [HEADER.dlqCode]: "invalid_utf8",
      [HEADER.dlqTopic]: "t",
      [HEADER.dlqOffset]: "9",
    });
    const cut = encodeDeadLetter("dlq", dead, 4);
    expect((cut.value as Uint8Array).byteLength).toBe(4);
    expect(cut.headers?.[HEADER.dlqTruncated]).toBe("6");
    expect(JSON.parse(deadLetterLine(dead)).original_base64).toBe(Buffer.from(original).toString("base64"));
  });
});

function inputRecord(out: { key: string | null; headers?: Record<string, string> }) {
  return { topic: "e", partition: 0, offset: "0", key: out.key, headers: out.headers ?? {}, timestamp: 0 };
}
