import { describe, expect, it } from "vitest";
import { MemoryRecordSource } from "./adapters/memory/record-source.ts";
import { createAlignment } from "./alignment.ts";

const a = { topic: "edr", partition: 0 };
const b = { topic: "zeek", partition: 0 };
const MIN = 60_000;

describe("event-time alignment of raw partitions", () => {
  it("holds a partition that runs ahead of a partition with a backlog, never the slowest one", () => {
    const source = new MemoryRecordSource();
    let now = 0;
    const alignment = createAlignment(source, MIN, 2000, () => now);
    alignment.assigned([a, b]);
    // Until every partition was seen (or the grace passed), nobody routes event-time-ordered data.
    expect(alignment.limit(a)).toBe(Number.NEGATIVE_INFINITY);
    alignment.update(a, 10 * MIN, false);
    alignment.update(b, 0, false);
    expect(source.paused).toEqual(new Set(["edr:0"]));
    expect(alignment.limit(b)).toBe(11 * MIN); // b may catch up to 1 minute past a
    alignment.update(b, 9.5 * MIN, false);
    expect(source.paused.size).toBe(0);
    // A caught-up partition holds nobody back.
    alignment.update(b, 9.5 * MIN, true);
    expect(alignment.limit(a)).toBe(Number.POSITIVE_INFINITY);
    now = 10_000;
    alignment.stop();
  });

  it("stops holding back after the grace period when a partition never shows up", () => {
    const source = new MemoryRecordSource();
    let now = 0;
    const alignment = createAlignment(source, MIN, 2000, () => now);
    alignment.assigned([a, b]);
    alignment.update(a, 5 * MIN, false);
    expect(alignment.limit(b)).toBe(Number.NEGATIVE_INFINITY);
    now = 3000;
    expect(alignment.limit(a)).toBe(Number.POSITIVE_INFINITY);
    alignment.stop();
  });
});
