// The event predicate language shared by every kind: a small tree of all/any/not over field tests.
// The same JSON shape comes from TypeScript builders (define-rule.ts) and from YAML, and compiles once into a
// closure; evaluation allocates nothing beyond the field values it reads.
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { compilePresence, compileSome, FIELD_PATH, type Scalar } from "./field-path.ts";
import { MAX_REGEX_INPUT, unsafeRegexReason } from "./safe-regex.ts";

const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);
const OneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

export const FieldTest = z.strictObject({
  field: z.string().regex(FIELD_PATH, "field must be a dotted ECS path such as source.ip"),
  equals: OneOrMany(ScalarSchema).optional(),
  in: z.array(ScalarSchema).min(1).optional(),
  prefix: OneOrMany(z.string()).optional(),
  suffix: OneOrMany(z.string()).optional(),
  contains: OneOrMany(z.string()).optional(),
  cidr: OneOrMany(z.string()).optional(),
  exists: z.boolean().optional(),
  regex: z.string().optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  /** Sequence variable bound by an earlier step: the field must equal it. */
  equals_var: z.string().optional(),
  /** Case-insensitive equals/in/prefix/suffix/contains. */
  nocase: z.boolean().optional(),
});
export type FieldTest = z.infer<typeof FieldTest>;

export type Condition = FieldTest | { all: Condition[] } | { any: Condition[] } | { not: Condition };
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
    FieldTest,
  ]),
);

/** Variables bound by earlier sequence steps (name -> value). */
export type Bindings = Readonly<Record<string, string>>;
export type Predicate = (event: unknown, vars?: Bindings) => boolean;

/** Passed when routing an event before any bindings exist: every equals_var test is assumed to hold
 * (over-approximates; evaluate re-checks with the real bindings). */
export const ANY_BINDINGS: Bindings = Object.freeze({});

const OPERATORS = [
  "equals",
  "in",
  "prefix",
  "suffix",
  "contains",
  "cidr",
  "exists",
  "regex",
  "gt",
  "gte",
  "lt",
  "lte",
  "equals_var",
] as const;

const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function compileTest(test: FieldTest, problems: string[], where: string): Predicate {
  const someValue = compileSome(test.field);
  const ops = OPERATORS.filter((op) => test[op] !== undefined);
  if (ops.length !== 1) {
    problems.push(`${where}: exactly one operator per field test (${OPERATORS.join(", ")}), found ${ops.length}`);
    return () => false;
  }
  const op = ops[0]!;
  const norm = (v: Scalar) => (test.nocase ? String(v).toLowerCase() : String(v));
  const any = someValue;
  switch (op) {
    case "equals":
    case "in": {
      const wanted = new Set(asList((test.equals ?? test.in)!).map(norm));
      return (event) => any(event, (v) => wanted.has(norm(v)));
    }
    case "prefix":
    case "suffix":
    case "contains": {
      const needles = asList(test[op]!).map((n) => (test.nocase ? n.toLowerCase() : n));
      const method = op === "prefix" ? "startsWith" : op === "suffix" ? "endsWith" : "includes";
      return (event) => any(event, (v) => needles.some((n) => norm(v)[method](n)));
    }
    case "cidr": {
      const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
      for (const text of asList(test.cidr!)) {
        try {
          ranges.push(ipaddr.parseCIDR(text));
        } catch {
          problems.push(`${where}: "${text}" is not a CIDR`);
        }
      }
      return (event) =>
        any(event, (v) => {
          if (typeof v !== "string" || !ipaddr.isValid(v)) return false;
          const addr = ipaddr.process(v);
          return ranges.some(([range, bits]) => addr.kind() === range.kind() && addr.match(range, bits));
        });
    }
    case "exists": {
      const has = compilePresence(test.field);
      return test.exists ? (event) => has(event) : (event) => !has(event);
    }
    case "regex": {
      const reason = unsafeRegexReason(test.regex!);
      if (reason) {
        problems.push(`${where}: regex rejected: ${reason}`);
        return () => false;
      }
      const re = new RegExp(test.regex!, test.nocase ? "i" : "");
      return (event) => any(event, (v) => re.test(String(v).slice(0, MAX_REGEX_INPUT)));
    }
    case "equals_var": {
      const name = test.equals_var!;
      return (event, vars) => {
        if (vars === ANY_BINDINGS) return true;
        return vars?.[name] !== undefined && any(event, (v) => String(v) === vars[name]);
      };
    }
    default: {
      const bound = test[op] as number;
      const cmp = {
        gt: (v: number) => v > bound,
        gte: (v: number) => v >= bound,
        lt: (v: number) => v < bound,
        lte: (v: number) => v <= bound,
      }[op];
      return (event) => any(event, (v) => typeof v === "number" && cmp(v));
    }
  }
}

/** Compiles a condition; problems (bad regex, bad CIDR, several operators) are appended with their path. */
export function compileCondition(condition: Condition, problems: string[], where = "where"): Predicate {
  if ("all" in condition) {
    const parts = condition.all.map((c, i) => compileCondition(c, problems, `${where}.all[${i}]`));
    return (event, vars) => parts.every((p) => p(event, vars));
  }
  if ("any" in condition) {
    const parts = condition.any.map((c, i) => compileCondition(c, problems, `${where}.any[${i}]`));
    return (event, vars) => parts.some((p) => p(event, vars));
  }
  if ("not" in condition) {
    const inner = compileCondition(condition.not, problems, `${where}.not`);
    return (event, vars) => !inner(event, vars);
  }
  return compileTest(condition, problems, where);
}

/** Every variable a condition reads (so compile can check each is bound by an earlier step). */
export function variablesOf(condition: Condition): string[] {
  if ("all" in condition) return condition.all.flatMap(variablesOf);
  if ("any" in condition) return condition.any.flatMap(variablesOf);
  if ("not" in condition) return variablesOf(condition.not);
  return condition.equals_var ? [condition.equals_var] : [];
}
