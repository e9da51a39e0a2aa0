import { describe, expect, it } from "vitest";
import type { OutputRecord } from "../../ports/record.ts";
import { chunkBySize } from "./sink.ts";

const record = (value: string, key: string | null = "k"): OutputRecord => ({ topic: "t", key, value });

describe("chunkBySize", () => {
  it("cuts consecutive runs under the limit, keeps order and every record", () => {
    // 117 bytes each: 100 of value, 1 of key, 16 of framing.
    const records = Array.from({ length: 10 }, (_, i) => record(`${i}`.padEnd(100, "x")));
    const chunks = chunkBySize(records, 360);
    expect(chunks.flat()).toEqual(records);
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 3, 1]);
  });

  it("sends a record larger than the limit on its own", () => {
    const records = [record("a"), record("b".repeat(1000)), record("c")];
    expect(chunkBySize(records, 100).map((c) => c.map((r) => String(r.value)[0]))).toEqual([["a"], ["b"], ["c"]]);
  });

  it("counts UTF-8 bytes, not UTF-16 units", () => {
    const records = [record("é".repeat(40)), record("é".repeat(40))];
    expect(chunkBySize(records, 150)).toHaveLength(2);
    expect(chunkBySize(records, 200)).toHaveLength(1);
  });
});
