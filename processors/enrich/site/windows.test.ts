// Maintenance windows are wall-clock times in the site's timezone, through DST, at any distance from DTSTART.
import { describe, expect, it } from "vitest";
import { compileWindow } from "./windows.ts";

const weekly = { id: "mw", rrule: "DTSTART:20250105T020000\nRRULE:FREQ=WEEKLY;BYDAY=SU", duration_minutes: 240 };

describe("maintenance windows", () => {
  it("follows the site's wall clock in winter and summer (America/Chicago)", () => {
    const w = compileWindow(weekly, "America/Chicago");
    expect(w.contains(Date.parse("2026-11-22T09:30:00Z"))).toBe(true); // Sun 03:30 CST
    expect(w.contains(Date.parse("2026-11-22T07:59:00Z"))).toBe(false); // Sun 01:59 CST
    expect(w.contains(Date.parse("2026-11-22T12:00:00Z"))).toBe(false); // Sun 06:00 CST: end is exclusive
    expect(w.contains(Date.parse("2026-07-05T07:30:00Z"))).toBe(true); // Sun 02:30 CDT
    expect(w.contains(Date.parse("2026-07-05T11:30:00Z"))).toBe(false); // Sun 06:30 CDT
    expect(w.contains(Date.parse("2026-07-06T08:00:00Z"))).toBe(false); // Monday
  });

  it("answers for instants years apart and before DTSTART", () => {
    const w = compileWindow(weekly, "Europe/Berlin");
    expect(w.contains(Date.parse("2030-01-06T02:30:00Z"))).toBe(true); // Sun 03:30 CET
    expect(w.contains(Date.parse("2025-01-05T01:30:00Z"))).toBe(true); // the first occurrence
    expect(w.contains(Date.parse("2024-12-29T02:30:00Z"))).toBe(false); // before DTSTART
    expect(w.contains(Date.parse("2030-01-06T02:30:00Z"))).toBe(true);
  });

  it("handles monthly rules and UTC sites", () => {
    const w = compileWindow(
      { id: "mw", rrule: "DTSTART:20250107T090000\nRRULE:FREQ=MONTHLY;BYDAY=1TU", duration_minutes: 480 },
      undefined,
    );
    expect(w.contains(Date.parse("2026-12-01T16:59:00Z"))).toBe(true);
    expect(w.contains(Date.parse("2026-12-08T10:00:00Z"))).toBe(false);
  });

  it("rejects rules without DTSTART or with their own TZID", () => {
    expect(() => compileWindow({ ...weekly, rrule: "RRULE:FREQ=WEEKLY" }, "UTC")).toThrow(/DTSTART/);
    expect(() =>
      compileWindow({ ...weekly, rrule: "DTSTART;TZID=Europe/Berlin:20250105T020000\nRRULE:FREQ=WEEKLY" }, "UTC"),
    ).toThrow(/site\.timezone/);
  });
});
