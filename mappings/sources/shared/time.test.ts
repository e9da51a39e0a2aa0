import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromEpochMillis, fromEpochSeconds, fromIso, isoFromMs } from "./time.ts";

describe("event time readers", () => {
  it("formats exactly like Date.toISOString", () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 260_000_000_000_000 }), (ms) => {
        expect(isoFromMs(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
    for (const ms of [0, -1, 951_782_400_000, 1_767_225_599_999, Date.UTC(2024, 1, 29, 23, 59, 59, 999)]) {
      expect(isoFromMs(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it("reads every source's time encoding", () => {
    expect(fromEpochSeconds(1767225600.123456, "ts")).toEqual({ ok: true, value: "2026-01-01T00:00:00.123Z" });
    expect(fromEpochSeconds("1625677530.308", "ts")).toEqual({ ok: true, value: "2021-07-07T17:05:30.308Z" });
    expect(fromEpochMillis("1625677535482", "timestamp")).toEqual({ ok: true, value: "2021-07-07T17:05:35.482Z" });
    expect(fromIso("2017-04-07T22:24:37.251547+0100", "timestamp")).toEqual({
      ok: true,
      value: "2017-04-07T21:24:37.251Z",
    });
    expect(fromIso("2022-11-09T17:47:28.8167685Z", "t")).toEqual({ ok: true, value: "2022-11-09T17:47:28.816Z" });
    expect(fromIso("2025-10-25 17:02:36.894", "UtcTime")).toEqual({ ok: true, value: "2025-10-25T17:02:36.894Z" });
    expect(fromEpochSeconds("XXXXXXXXXX.XXXXXX", "ts")).toMatchObject({ ok: false, code: "timestamp_masked" });
    expect(fromIso("2026-13-01T00:00:00Z", "t")).toMatchObject({ ok: false, code: "invalid_field" });
  });
});
