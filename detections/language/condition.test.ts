import { describe, expect, it } from "vitest";
import { ANY_BINDINGS, type Condition, compileCondition } from "./condition.ts";
import { parseDuration } from "./duration.ts";
import { unsafeRegexReason } from "./safe-regex.ts";

const event = {
  source: { ip: "10.10.5.23", port: 51000 },
  host: { ip: ["10.50.0.20", "fe80::1"], name: "EWS-01" },
  process: { command_line: "C:\\Tools\\PLINK.exe -R 8443:10.60.0.11:502 user@198.51.100.7" },
  site: { source: { zone: { level: 4 } } },
};

function check(condition: Condition, vars?: Record<string, string>): boolean {
  const problems: string[] = [];
  const p = compileCondition(condition, problems);
  expect(problems).toEqual([]);
  return p(event, vars);
}

describe("condition language", () => {
  it("matches equals/in on scalars and on any element of arrays", () => {
    expect(check({ field: "source.ip", equals: "10.10.5.23" })).toBe(true);
    expect(check({ field: "host.ip", in: ["10.50.0.20"] })).toBe(true);
    expect(check({ field: "host.name", equals: "ews-01", nocase: true })).toBe(true);
    expect(check({ field: "host.name", equals: "ews-01" })).toBe(false);
  });
  it("supports prefix, suffix, contains, cidr (v4 and v6), ranges and exists on objects", () => {
    expect(check({ field: "process.command_line", contains: "plink.exe", nocase: true })).toBe(true);
    expect(check({ field: "host.ip", cidr: ["10.50.0.0/16"] })).toBe(true);
    expect(check({ field: "host.ip", cidr: "fe80::/10" })).toBe(true);
    expect(check({ field: "source.ip", cidr: "10.60.0.0/16" })).toBe(false);
    expect(check({ field: "source.port", gte: 50000 })).toBe(true);
    expect(check({ field: "site.source.zone", exists: true })).toBe(true);
    expect(check({ field: "site.destination.zone", exists: false })).toBe(true);
  });
  it("combines with all/any/not", () => {
    expect(
      check({ all: [{ field: "source.ip", prefix: "10.10." }, { not: { field: "host.name", suffix: "-02" } }] }),
    ).toBe(true);
    expect(
      check({
        any: [
          { field: "source.ip", equals: "1.1.1.1" },
          { field: "site.source.zone.level", lte: 2 },
        ],
      }),
    ).toBe(false);
  });
  it("checks variables bound by earlier steps; routing assumes they hold", () => {
    const c: Condition = { field: "source.ip", equals_var: "pivot" };
    expect(check(c, { pivot: "10.10.5.23" })).toBe(true);
    expect(check(c, { pivot: "10.10.5.24" })).toBe(false);
    expect(check(c, {})).toBe(false);
    expect(compileCondition(c, [])(event, ANY_BINDINGS)).toBe(true);
  });
  it("reports bad CIDRs, several operators and unsafe regexes at compile time", () => {
    const problems: string[] = [];
    compileCondition(
      {
        all: [
          { field: "source.ip", cidr: "10.0.0.0/99" },
          { field: "source.ip", equals: "a", prefix: "b" },
          { field: "x", regex: "(a+)+$" },
        ],
      },
      problems,
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^where.all\[0\]: /);
  });
});

describe("safe regex subset", () => {
  it("accepts ordinary detection patterns", () => {
    for (const ok of ["^cmd\\.exe$", "(plink|ssh)(\\.exe)? .*-[RLD] ", "[a-z]{1,16}\\.dll", "mimikatz"])
      expect(unsafeRegexReason(ok)).toBeNull();
  });
  it("rejects patterns that can backtrack catastrophically", () => {
    for (const bad of ["(a+)+$", "(a|aa)*b", "(\\w+\\s?)*$", "(.*a){12}", "a.*b.*c", "(a)\\1", "(?=a)b", "x{1,1000}"]) {
      expect(unsafeRegexReason(bad), bad).not.toBeNull();
    }
  });
});

describe("durations", () => {
  it("parses unit suffixes and rejects prose", () => {
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("7d")).toBe(604_800_000);
    expect(parseDuration("10 minutes")).toBeUndefined();
  });
});

describe("rule guard", () => {
  it("keeps only top-level fields every where of the rule needs", async () => {
    const { ruleGuard } = await import("./guard.ts");
    const params = {
      steps: [
        {
          where: {
            all: [
              { field: "event.kind", equals: "alert" },
              { field: "host.id", exists: true },
            ],
          },
        },
        {
          where: {
            any: [
              { field: "event.action", equals: "x" },
              {
                all: [
                  { field: "event.code", equals: "1" },
                  { field: "ot.action", equals: "write" },
                ],
              },
            ],
          },
        },
      ],
      until: { where: { field: "event.action", equals: "isolated" } },
    };
    expect(ruleGuard(params)).toEqual(["event"]);
    expect(ruleGuard({ where: { not: { field: "ot.action", equals: "read" } } })).toEqual([]);
  });
});
