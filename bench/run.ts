// `npm run bench [-- --quick] [-- --out file.json]`: runs every bench/*.bench.ts, merges their figures into
// one JSON object (bench/results/<timestamp>.json unless --out), and prints a markdown summary.
// A bench file exports `run(options): Promise<Record<string, number | string | boolean>>`; its keys are the
// top-level keys of the result, so each file owns distinct names.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface BenchOptions {
  quick: boolean;
}
export type BenchFigures = Record<string, number | string | boolean>;

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(argv: string[]): Promise<void> {
  const quick = argv.includes("--quick");
  const outIndex = argv.indexOf("--out");
  const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : undefined;
  const files = (await readdir(here)).filter((f) => f.endsWith(".bench.ts") && (!only || f.startsWith(only))).sort();
  const result: BenchFigures = {
    started_at: new Date().toISOString(),
    quick,
    machine_cores: os.cpus().length,
    machine_memory_bytes: os.totalmem(),
    node_version: process.version,
  };
  for (const file of files) {
    process.stderr.write(`bench: ${file} ...\n`);
    const started = performance.now();
    const mod = (await import(path.join(here, file))) as { run: (o: BenchOptions) => Promise<BenchFigures> };
    Object.assign(result, await mod.run({ quick }));
    process.stderr.write(`bench: ${file} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const out = outIndex >= 0 ? argv[outIndex + 1]! : path.join(here, "results", `${Date.now()}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`| figure | value |\n|---|---|\n`);
  for (const [key, value] of Object.entries(result)) process.stdout.write(`| ${key} | ${value} |\n`);
  process.stdout.write(`\nwritten to ${out}\n`);
}

await main(process.argv.slice(2));
