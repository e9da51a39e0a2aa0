// The fast path of the site-model loader: js-yaml (about 10x faster than yaml's parseDocument) with a schema that
// resolves plain scalars exactly as yaml's YAML 1.2 core schema does, so both parsers yield the same data.
// Anything where the two could differ is not decided here: the text is handed back (`undefined`) to the yaml
// path, which is the reference and the only one that reports errors with locations. Handed back:
// - any js-yaml error (syntax, duplicate key, unknown tag, nesting deeper than 100, several documents);
// - a directive (`%YAML 1.1` switches yaml to YAML 1.1: yes/no booleans, `<<` merges, timestamps, 0777 octal);
// - an explicit tag (`!!str 1`, `!!int`, `!`, `!custom`): resolution rules of explicit tags differ in corner cases;
// - an anchor (so every alias): yaml limits alias expansion (maxAliasCount, alias bombs) and js-yaml does not;
// - a collection or null as a key (`[a]: 1`, `~: 1`, `? a`): the two parsers turn them into different strings;
// - a flow collection or multi-line scalar whose further lines are less indented than yaml requires;
// - a block scalar (`|`, `>`): the two differ on whitespace-only content; a comment glued to a node (`[a]#c`);
// - an empty node (`key:`, `- `; write `~`): js-yaml is laxer about the indentation around it, and an empty
//   item of a compact nested sequence (`- - `) takes the next items of the outer one;
// - a tab in indentation, content after `---` / `...` on its line, and `---x` / `...x` (plain scalars to yaml);
// - an implicit key over 1000 characters (yaml's limit is 1024).
// `<<` stays a plain key in both (no merge keys in YAML 1.2 core); timestamps, binary, sets stay strings.
import { load, Schema, type State, Type } from "js-yaml";

/** Thrown from inside js-yaml to stop at the first construct only the yaml path may decide. */
const handBack = new Error("site model needs the yaml path");

// yaml 2.x, src/schema/core: null.ts, bool.ts, int.ts, float.ts (the same patterns, the same conversions).
const nullPattern = /^(?:~|[Nn]ull|NULL)?$/;
const boolPattern = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const intOctPattern = /^0o[0-7]+$/;
const intPattern = /^[-+]?[0-9]+$/;
const intHexPattern = /^0x[0-9a-fA-F]+$/;
const floatSpecialPattern = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const floatExpPattern = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const floatPattern = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * js-yaml calls `resolve(data)` when resolving a plain scalar implicitly and `resolve(data, tag)` for an explicit
 * tag: the second argument is how an explicit tag is recognised (and handed back).
 */
function implicitOnly(test: (data: string) => boolean) {
  return (data: unknown, ...explicitTag: unknown[]): boolean => {
    if (explicitTag.length > 0) throw handBack;
    return typeof data === "string" && test(data);
  };
}

const explicitTypeRejected = (): boolean => {
  throw handBack;
};

const coreSchema = new Schema({
  implicit: [
    new Type("tag:yaml.org,2002:null", {
      kind: "scalar",
      resolve: implicitOnly((s) => nullPattern.test(s)),
      construct: () => null,
    }),
    new Type("tag:yaml.org,2002:bool", {
      kind: "scalar",
      resolve: implicitOnly((s) => boolPattern.test(s)),
      construct: (s: string) => s[0] === "t" || s[0] === "T",
    }),
    new Type("tag:yaml.org,2002:int", {
      kind: "scalar",
      resolve: implicitOnly((s) => intOctPattern.test(s) || intPattern.test(s) || intHexPattern.test(s)),
      construct: (s: string) =>
        intOctPattern.test(s)
          ? parseInt(s.substring(2), 8)
          : intHexPattern.test(s)
            ? parseInt(s.substring(2), 16)
            : parseInt(s, 10),
    }),
    new Type("tag:yaml.org,2002:float", {
      kind: "scalar",
      resolve: implicitOnly((s) => floatSpecialPattern.test(s) || floatExpPattern.test(s) || floatPattern.test(s)),
      construct: (s: string) => {
        if (!floatSpecialPattern.test(s)) return parseFloat(s);
        if (s.slice(-3).toLowerCase() === "nan") return Number.NaN;
        return s[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      },
    }),
  ],
  // Only reached through an explicit tag (`!!str`, `!!seq`, `!!map`): hand those documents back.
  explicit: [
    new Type("tag:yaml.org,2002:str", { kind: "scalar", resolve: explicitTypeRejected }),
    new Type("tag:yaml.org,2002:seq", { kind: "sequence", resolve: explicitTypeRejected }),
    new Type("tag:yaml.org,2002:map", { kind: "mapping", resolve: explicitTypeRejected }),
  ],
});

/**
 * A line starting with `%` may be a directive; `---x` / `...x` are plain scalars that js-yaml takes for document
 * markers; yaml refuses a block collection on a `---` line (`--- - a`) and tabs in indentation, js-yaml does not.
 * A match inside a scalar only costs time.
 */
const directivePattern = /^(?:%|(?:---|\.\.\.)(?:[^ \t\r\n]|[ \t]+[^ \t\r\n#])| *\t)/m;
/**
 * A `#` right after a flow indicator or quote: a comment to js-yaml, an error to yaml. A `-` ending a line: an
 * empty sequence item, which js-yaml records without composing a node (the guard below never sees it).
 */
const textPattern = /[[\]{},"']#|(?:^|[ \t])-[ \t]*(?:#.*)?\r?$/m;

type NodeState = State & { anchor: string | null; tag: string | null };

const SPACE = 32;
const QUESTION = 63;

/** Index of the node's first character: past spaces, line breaks and comments from where js-yaml opened it. */
function contentStart(input: string, from: number): number {
  let i = from;
  for (;;) {
    const c = input.charCodeAt(i);
    if (c === SPACE || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */) {
      const nl = input.indexOf("\n", i);
      if (nl === -1) return input.length;
      i = nl + 1;
    } else return i;
  }
}

/** True when the next thing after `end` on its line is `:`: the node just read is a mapping key. */
function isImplicitKey(input: string, end: number): boolean {
  let i = end;
  while (input.charCodeAt(i) === SPACE || input.charCodeAt(i) === 9) i++;
  return input.charCodeAt(i) === 58; /* : */
}

/**
 * yaml requires every further line of a flow collection or a multi-line scalar to be indented more than the line
 * it starts on (a closing bracket may sit at the column of a bracket that opens its line); js-yaml is laxer.
 * Only lines whose content starts inside the node count (a block scalar ends where the next key's line begins).
 */
function indentedLikeYaml(input: string, first: number, end: number, flow: boolean): boolean {
  let lineStart = input.lastIndexOf("\n", first - 1) + 1;
  let base = 0;
  while (input.charCodeAt(lineStart + base) === SPACE) base++;
  const opensLine = lineStart + base === first;
  for (let nl = input.indexOf("\n", first); nl !== -1 && nl < end; nl = input.indexOf("\n", lineStart)) {
    lineStart = nl + 1;
    let indent = 0;
    while (input.charCodeAt(lineStart + indent) === SPACE) indent++;
    const at = lineStart + indent;
    const c = input.charCodeAt(at);
    if (at >= end || c === 10 || (c === 13 && input.charCodeAt(at + 1) === 10)) continue; // blank or past the node
    if (indent > base) continue;
    if (flow && opensLine && indent === base && (c === 93 /* ] */ || c === 125) /* } */) continue;
    return false;
  }
  return true;
}

/** The last character before `at` that is not white space or a line break. */
function previousChar(input: string, at: number): number {
  let i = at - 1;
  for (let c = input.charCodeAt(i); c === SPACE || c === 9 || c === 10 || c === 13; c = input.charCodeAt(--i));
  return input.charCodeAt(i);
}

interface Frame {
  /** Index of the node's first character. */
  first: number;
  /** `[` or `{` for a flow collection, else 0. */
  flow: number;
}

/**
 * A listener on every node js-yaml composes: hands the text back for an anchor, the non-specific tag `!`, an
 * explicit key (`? `), a comment glued to a node (`[a]#c`), a collection or null used as a key (js-yaml and
 * yaml turn those into different strings), a block scalar, and for flow collections and scalars indented less
 * than yaml requires.
 */
function createGuard() {
  const open: Frame[] = [];
  return (event: string, state: State): void => {
    // js-yaml's own copy of the text: without the byte-order mark, so positions match.
    const input = state.input;
    const node = state as NodeState;
    // `!` can survive at the opening of the next node when js-yaml re-reads node properties as a key's.
    if (node.tag === "!") throw handBack;
    if (event === "open") {
      let before = state.position - 1;
      while (input.charCodeAt(before) === SPACE || input.charCodeAt(before) === 9) before--;
      if (input.charCodeAt(before) === QUESTION) throw handBack;
      const first = contentStart(input, state.position);
      const c = input.charCodeAt(first);
      // A tag or an anchor (js-yaml can drop either when it re-reads node properties as those of a key).
      if (c === 33 /* ! */ || c === 38 /* & */) throw handBack;
      open.push({ first, flow: c === 91 /* [ */ || c === 123 /* { */ ? c : 0 });
      return;
    }
    if (node.anchor !== null) throw handBack;
    const { first, flow: opener } = open.pop() ?? { first: 0, flow: 0 };
    const end = state.position;
    // yaml: a comment needs white space before it (js-yaml may stop a node after the spaces that follow it).
    const after = input.charCodeAt(end - 1);
    if (input.charCodeAt(end) === 35 /* # */ && after !== SPACE && after !== 9) throw handBack;
    // An empty node (`key:`, `- `): js-yaml is laxer than yaml about the indentation around it; `~` says null.
    if (node.kind === null || first >= end) throw handBack;
    const flow = opener !== 0 && node.kind !== "scalar";
    if (!flow && node.kind !== "scalar" && node.result !== null) return; // a block collection: its items are checked
    const c = input.charCodeAt(first);
    if (node.kind === "scalar" && (c === 124 /* | */ || c === 62) /* > */) throw handBack; // chomping differs
    // yaml refuses an implicit key whose `:` is over 1024 characters from its start; js-yaml has no limit.
    if (end - first > 1000 && isImplicitKey(input, end)) throw handBack;
    if (flow || node.result === null) {
      if (isImplicitKey(input, end)) throw handBack;
      // In a flow mapping, an entry not after `:` is a key even without a value (`{[a], b: 1}`).
      // js-yaml may open the same node twice (a wrapper around the collection): its parent starts earlier.
      let parent = open.length - 1;
      while (parent >= 0 && open[parent]!.first === first) parent--;
      if (open[parent]?.flow === 123 && previousChar(input, first) !== 58 /* : */) throw handBack;
    }
    if (!indentedLikeYaml(input, first, end, flow)) throw handBack;
  };
}

/** js-yaml turns a null or empty key into "null", yaml into "": any "null" key goes to the yaml path. */
function hasNullKey(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (v === null || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (const item of v) if (item !== null && typeof item === "object") pending.push(item);
      continue;
    }
    if (Object.hasOwn(v, "null")) return true;
    for (const item of Object.values(v)) if (item !== null && typeof item === "object") pending.push(item);
  }
  return false;
}

/**
 * The document's data as yaml's `parseDocument(text).toJS()` would give it, or `undefined` when the text has an
 * error or uses a construct left to the yaml path (see the top of this file). Never throws.
 */
export function loadYamlFast(text: string): { value: unknown } | undefined {
  if (directivePattern.test(text) || textPattern.test(text)) return undefined;
  try {
    // yaml turns an empty document into null; js-yaml into undefined.
    const value = load(text, { schema: coreSchema, listener: createGuard() }) ?? null;
    return hasNullKey(value) ? undefined : { value };
  } catch {
    return undefined;
  }
}
