// The README's command table, rendered from the CLI definition itself so it cannot drift:
// `npx tsx processors/runtime/cli/command-table.ts --write` refreshes README.md between the cli markers,
// and test/docs/readme.test.ts fails when it is stale.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { buildProgram } from "./main.ts";

function rows(command: Command, prefix: string): string[] {
  const lines: string[] = [];
  for (const sub of command.commands) {
    const name = `${prefix} ${sub.name()}`.trim();
    if (sub.commands.length > 0) lines.push(...rows(sub, name));
    else {
      const args = sub.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(" ");
      lines.push(`| \`gapwatch ${name}${args ? ` ${args}` : ""}\` | ${sub.description().replaceAll("|", "\\|")} |`);
    }
  }
  return lines;
}

export function renderCommandTable(): string {
  return ["| command | what it does |", "|---|---|", ...rows(buildProgram(), "")].join("\n");
}

const START = "<!-- cli:start -->";
const END = "<!-- cli:end -->";

export function readmeWithCommandTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} ... ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${renderCommandTable()}\n${readme.slice(end)}`;
}

if (process.argv.includes("--write")) {
  const readme = path.resolve(import.meta.dirname, "../../../README.md");
  writeFileSync(readme, readmeWithCommandTable(readFileSync(readme, "utf8")));
}
