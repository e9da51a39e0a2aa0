// Rule regexes run on attacker-controlled strings (command lines, Modbus values), so backtracking blow-ups
// (ReDoS) would let an attacker stall a partition. No linear-time engine (re2) is installed, so rules may only
// use a safe subset of JavaScript regex syntax, checked at compile time:
// - no backreferences and no lookaround (they force backtracking);
// - quantifiers apply to single atoms only (a char, an escape, ".", or a [class]): no quantified groups, so
//   star height is 1 and alternatives are never repeated;
// - at most one unbounded quantifier (*, +, {n,}) and bounded repeats {n,m} with m <= 64;
// Together with the input cap below, the worst case is quadratic in MAX_INPUT, i.e. bounded.
// Prefer the `prefix`, `suffix` and `contains` operators, which never backtrack.

/** Characters of input a regex sees; longer values are truncated (documented in detections/language/README). */
export const MAX_REGEX_INPUT = 2048;
const MAX_PATTERN = 512;

/** Null when the pattern is in the safe subset, else the reason it is rejected. */
export function unsafeRegexReason(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN) return `pattern longer than ${MAX_PATTERN} characters`;
  try {
    new RegExp(pattern);
  } catch (error) {
    return `invalid regex: ${(error as Error).message}`;
  }
  let unbounded = 0;
  let lastAtomWasGroup = false;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      const next = pattern[i + 1] ?? "";
      if (!inClass && (/[1-9]/.test(next) || next === "k")) return "backreferences are not allowed";
      i++;
      lastAtomWasGroup = false;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") {
      inClass = true;
      lastAtomWasGroup = false;
      continue;
    }
    if (ch === "(") {
      if (
        pattern.startsWith("(?=", i) ||
        pattern.startsWith("(?!", i) ||
        pattern.startsWith("(?<=", i) ||
        pattern.startsWith("(?<!", i)
      ) {
        return "lookaround is not allowed";
      }
      continue;
    }
    if (ch === ")") {
      lastAtomWasGroup = true;
      continue;
    }
    const isQuantifier = ch === "*" || ch === "+" || ch === "?" || ch === "{";
    if (isQuantifier) {
      if (ch === "?" && pattern[i - 1] === "(") continue;
      if (lastAtomWasGroup && ch !== "?")
        return "quantified groups are not allowed (use a character class or repeat the atom)";
      if (ch === "{") {
        const close = pattern.indexOf("}", i);
        const body = close > i ? pattern.slice(i + 1, close) : "";
        const range = /^(\d+)(,(\d*))?$/.exec(body);
        if (range) {
          if (range[2] !== undefined && range[3] === "") unbounded++;
          else if (Number(range[3] ?? range[1]) > 64) return "bounded repeats above {,64} are not allowed";
          i = close;
        }
      } else if (ch !== "?") {
        unbounded++;
      }
      if (unbounded > 1) return "at most one unbounded quantifier (*, +, {n,}) per pattern";
      lastAtomWasGroup = false;
      continue;
    }
    lastAtomWasGroup = false;
  }
  return null;
}
