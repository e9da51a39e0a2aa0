import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromEpochMillis, fromEpochSeconds, fromIso, fromIsoByRegex, isoFromMs } from "./time.ts";

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

  it("reads ISO text by character codes exactly as the regex path does", () => {
    const d = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    const iso = fc
      .tuple(
        fc.oneof(d(4), fc.constantFrom("0050", "9999", "2024")),
        fc.oneof(d(2), fc.constantFrom("00", "01", "12", "13")),
        fc.oneof(d(2), fc.constantFrom("00", "31", "32")),
        fc.constantFrom("T", " ", "t", "X"),
        fc.oneof(d(2), fc.constantFrom("23", "24")),
        fc.oneof(d(2), fc.constantFrom("59", "60")),
        fc.oneof(d(2), fc.constantFrom("59", "60", "61"), fc.constant("")),
        fc.oneof(fc.constant(""), fc.stringMatching(/^\.[0-9]{0,9}$/), fc.constant(".x")),
        fc.constantFrom(
          "",
          " ",
          "Z",
          "z",
          "ZZ",
          "+01:00",
          "-0530",
          "+0100",
          "+01:0",
          "+1:00",
          "-23:59",
          "+01:00 ",
          "+a1:00",
        ),
      )
      .map(
        ([y, mo, da, t, h, mi, sec, frac, zone]) =>
          `${y}-${mo}-${da}${t}${h}:${mi}${sec ? `:${sec}` : ""}${frac}${zone}`,
      );
    fc.assert(
      fc.property(iso, (text) => {
        expect(fromIso(text, "t")).toEqual(fromIsoByRegex(text, "t"));
      }),
      { numRuns: 20_000 },
    );
  });

  it("reads epoch text by character codes exactly as the former regex did", () => {
    const text = fc.stringMatching(/^[-0-9.xX]{0,14}$/);
    fc.assert(
      fc.property(text, (value) => {
        const numeric = /^-?\d+(?:\.\d+)?$/.test(value);
        const seconds = fromEpochSeconds(value, "ts");
        const millis = fromEpochMillis(value, "ts");
        if (numeric) {
          expect(seconds).toEqual(fromEpochSeconds(Number(value), "ts"));
          expect(millis).toEqual(fromEpochMillis(Number(value), "ts"));
        } else {
          expect(millis).toMatchObject({ ok: false, code: "invalid_field" });
          expect(seconds.ok).toBe(false);
        }
      }),
      { numRuns: 20_000 },
    );
  });
});
