// The fast path (js-yaml) must give exactly the data of the reference path (yaml's parseDocument().toJS()), or
// hand the text back. Checked on the example plant, the generated 10k-asset model, every core-schema scalar form
// and, by fuzzing, on broken and odd variants of the plant.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { generateSiteModel } from "../fixtures/generate-site.ts";
import { plantFile } from "../fixtures/plant.ts";
import { loadYamlFast } from "./fast-yaml.ts";

const plant = readFileSync(plantFile, "utf8");

/** What the yaml path reads, or undefined when it rejects the text. */
function reference(text: string): { value: unknown } | undefined {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  try {
    return { value: doc.toJS({ maxAliasCount: 1000 }) };
  } catch {
    return undefined;
  }
}

/** Whenever the fast path answers, the yaml path accepts the text and reads the same data. */
function expectAgreement(text: string): void {
  const fast = loadYamlFast(text);
  if (fast === undefined) return;
  expect(reference(text), text).toEqual(fast);
}

describe("loadYamlFast", () => {
  it("reads the example plant exactly as yaml does", () => {
    const fast = loadYamlFast(plant);
    expect(fast).toBeDefined(); // the plant takes the fast path
    expect(fast).toEqual(reference(plant));
  });

  it("reads the example plant with CRLF line ends and a byte-order mark exactly as yaml does", () => {
    const windows = `\uFEFF${plant.replaceAll("\n", "\r\n")}`;
    expect(loadYamlFast(windows)).toBeDefined();
    expect(loadYamlFast(windows)).toEqual(reference(windows));
  });

  it("hands back an implicit key longer than yaml's 1024-character limit", () => {
    expectAgreement(`${"k".repeat(1100)}: 1\n`);
    expectAgreement(`a: { ${"k".repeat(1100)}: 1 }\n`);
  });

  it("reads the generated 10,000-asset / 500-zone model exactly as yaml does", () => {
    const { yaml } = generateSiteModel(500, 10_000);
    const fast = loadYamlFast(yaml);
    expect(fast).toBeDefined();
    expect(fast).toEqual(reference(yaml));
  });

  it("resolves every plain scalar as yaml's YAML 1.2 core schema (no 1.1 booleans, octals, timestamps)", () => {
    const scalars = [
      "true",
      "True",
      "TRUE",
      "tRUE",
      "false",
      "yes",
      "no",
      "on",
      "off",
      "y",
      "n",
      "~",
      "null",
      "Null",
      "NULL",
      "nULL",
      "",
      "0",
      "-0",
      "+12",
      "017",
      "0o17",
      "0o18",
      "0x1F",
      "0X1F",
      "0b101",
      "1_000",
      "1,000",
      "12:30",
      "1:20:30",
      "1.5",
      ".5",
      "1.",
      "-.5",
      "+1.50",
      "1e3",
      "1E3",
      "1.5e-3",
      ".5e+2",
      "1e",
      ".inf",
      "-.Inf",
      "+.INF",
      ".nan",
      ".NaN",
      "-.nan",
      "2026-11-23",
      "2026-11-23T10:00:00Z",
      "<<",
      "=",
      "0.1.2",
      "10.0.0.0/8",
      "1e400",
      "123456789012345678901234567890",
      "0x",
      "0o",
    ];
    for (const s of scalars) {
      const text = `plain: ${s}\nflow: [${s}]\nmap: { k: ${s} }\n`;
      if (s !== "") expect(loadYamlFast(text), text).toBeDefined(); // an empty node is handed back (write ~)
      expectAgreement(text);
      expectAgreement(`${s}: as a key\n`);
    }
  });

  it("hands back directives, anchors and aliases, merge keys, explicit tags and every error", () => {
    const handedBack = [
      "%YAML 1.1\n---\na: yes\n",
      "a: &x 1\nb: *x\n",
      "base: &b { x: 1 }\nzone: { <<: *b, y: 2 }\n",
      "a: *nope\n",
      "a: !!str 1\n",
      "a: !!int 1\n",
      "a: !!int '1'\n",
      "a: ! 1\n",
      "a: !custom x\n",
      "a: !<tag:yaml.org,2002:str> 1\n",
      "a: 1\na: 2\n",
      "a: [1, 2\n",
      "a: 1\n---\nb: 2\n",
      "a:\n\t- 1\n",
      "a:\nb: 1\n",
      "- - \n- b\n",
      "a: [x]#c\n",
      "--- - a\n",
      "---a\n",
      "a: |\n  text\n",
      "{[a]}\n",
      "[a]: 1\n",
      "~: 1\n",
      "? a\n: 1\n",
      "a: [\nb]\n",
    ];
    for (const text of handedBack) expect(loadYamlFast(text), text).toBeUndefined();
  });

  it("keeps << a plain key as yaml does for YAML 1.2", () => {
    expect(loadYamlFast("zone: { <<: x, y: 2 }\n")).toEqual({ value: { zone: { "<<": "x", y: 2 } } });
    expectAgreement("zone: { <<: x, y: 2 }\n");
  });

  it("agrees with yaml on mutated example plants", () => {
    const lines = plant.split("\n");
    const mutation = fc.record({
      line: fc.nat(lines.length - 1),
      column: fc.nat(60),
      insert: fc.constantFrom(
        "x",
        ": ",
        "- ",
        "{",
        "}",
        "[",
        "]",
        "\t",
        " ",
        "999",
        "0o7",
        "0x1F",
        "~",
        "&a ",
        "*a",
        "'",
        '"',
        "#",
        " #",
        ",",
        "? ",
        "|",
        ">",
        "!",
        "%",
        "\\",
        "\n",
        "\n  ",
        "yes",
        ".5",
        "<<: ",
        "---",
        "...",
      ),
      cut: fc.nat(5),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const copy = [...lines];
        for (const m of mutations) {
          const l = copy[m.line]!;
          const at = Math.min(m.column, l.length);
          copy[m.line] = l.slice(0, at) + m.insert + l.slice(at + m.cut);
        }
        expectAgreement(copy.join("\n"));
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  }, 600_000);

  it("agrees with yaml on small arbitrary documents", () => {
    const token = fc.constantFrom(
      "a",
      "b",
      "1",
      "0x1",
      "true",
      "~",
      ": ",
      ":",
      "- ",
      "-",
      "{",
      "}",
      "[",
      "]",
      ",",
      " ",
      "  ",
      "\n",
      "\n  ",
      "#",
      "'",
      '"',
      "\\n",
      "?",
      "|",
      ">",
      "&a ",
      "*a",
      "!",
      "%",
      "@",
      "`",
      ".5",
      "null",
      "\t",
      "\r\n",
      "---",
      "...",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), (tokens) => expectAgreement(tokens.join(""))),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) * 10 },
    );
  }, 600_000);
});
