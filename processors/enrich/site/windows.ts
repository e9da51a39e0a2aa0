// Maintenance windows: an RFC 5545 DTSTART + RRULE in the site's wall-clock time (site.timezone) and a
// duration. `rrule` computes occurrences in "floating" time (UTC fields standing for local wall time), so an
// instant is converted to the site's wall clock before it is compared. rrule walks from DTSTART on every
// query (~0.3 ms), so each window keeps the occurrences of a few months around the last query and answers
// from them by binary search; a query outside that range recomputes it.
import rrule from "rrule";

const CACHE_SPAN_MS = 90 * 86_400_000;

export interface MaintenanceWindow {
  id: string;
  rrule: string;
  durationMs: number;
  vendor?: string;
  ticket?: string;
  /** Tests the instant (epoch ms, UTC) against the window in the site's timezone. */
  contains(timeMs: number): boolean;
}

/** Parses the window's rule; throws with rrule's message when the rule is invalid. */
export function compileWindow(
  input: { id: string; rrule: string; duration_minutes: number; vendor?: string; ticket?: string },
  timezone: string | undefined,
): MaintenanceWindow {
  // rrulestr accepts "DTSTART:...\nRRULE:..." and also a bare "FREQ=..." (then DTSTART defaults to now, which
  // would make the window depend on when the model was loaded): demand a DTSTART.
  if (!/DTSTART/i.test(input.rrule)) throw new Error("the rule needs a DTSTART line, e.g. DTSTART:20250105T020000");
  if (/TZID=/i.test(input.rrule)) throw new Error("give the timezone once, in site.timezone, not as TZID in the rule");
  const rule = rrule.rrulestr(input.rrule.replace(/\\n/g, "\n"), { forceset: false });
  if (rule.options.freq === undefined) throw new Error("the rule has no FREQ");
  const durationMs = input.duration_minutes * 60_000;
  const toWallClock = wallClockConverter(timezone);
  let cacheFrom = Number.POSITIVE_INFINITY;
  let cacheTo = Number.NEGATIVE_INFINITY;
  let starts: number[] = [];
  const contains = (timeMs: number): boolean => {
    const local = toWallClock(timeMs);
    if (local - durationMs < cacheFrom || local > cacheTo) {
      cacheFrom = local - CACHE_SPAN_MS;
      cacheTo = local + CACHE_SPAN_MS;
      starts = rule.between(new Date(cacheFrom), new Date(cacheTo), true).map((d) => d.getTime());
    }
    // Latest occurrence starting at or before `local`.
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= local) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && local < starts[found]! + durationMs;
  };
  const window: MaintenanceWindow = { id: input.id, rrule: input.rrule, durationMs, contains };
  if (input.vendor !== undefined) window.vendor = input.vendor;
  if (input.ticket !== undefined) window.ticket = input.ticket;
  return window;
}

/** Throws RangeError for an unknown IANA zone name. */
export function assertTimezone(timezone: string): void {
  new Intl.DateTimeFormat("en-US", { timeZone: timezone });
}

/** Returns f(instant) = the site's wall-clock time at that instant, written as if it were UTC. */
function wallClockConverter(timezone: string | undefined): (timeMs: number) => number {
  if (timezone === undefined || timezone === "UTC" || timezone === "Etc/UTC") return (t) => t;
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  // Offsets change at most twice a year: remember the offset per hour of input.
  const offsets = new Map<number, number>();
  return (timeMs) => {
    const hour = Math.floor(timeMs / 3_600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const parts: Record<string, number> = {};
      for (const p of format.formatToParts(new Date(hour * 3_600_000))) {
        if (p.type !== "literal") parts[p.type] = Number(p.value);
      }
      const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
      offset = wall - hour * 3_600_000;
      if (offsets.size > 10_000) offsets.clear();
      offsets.set(hour, offset);
    }
    return timeMs + offset;
  };
}
