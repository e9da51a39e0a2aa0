// Durations in rules are strings ("90s", "15m", "24h", "7d") so a reviewer reads them without arithmetic.
// Parsed once at compile time into milliseconds; a bad duration is a RuleError with the field, never a NaN.
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PATTERN = /^(\d+)(ms|s|m|h|d)$/;

/** Milliseconds for "15m"-style durations; undefined when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNITS[match[2]!]!;
}

/** The zod-friendly check used by every kind schema. */
export function isDuration(text: string): boolean {
  return parseDuration(text) !== undefined;
}
