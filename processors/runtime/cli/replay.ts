// `gapwatch replay <file or dir>... --site site.yaml [--rules dir] [--out incidents.ndjson] [--dlq dead.ndjson]`
// (ARCHITECTURE.md section 8): the whole pipeline over NDJSON / Zeek TSV files, no Kafka, no Elasticsearch.
// Incidents (final state, one ECS document per line) go to --out or stdout; progress and the dead-letter
// count go to stderr. Exit 0 when it ran, even with dead letters; 3 when the site model, rules or inputs
// cannot be loaded; 2 for bad flags.

import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import type { Command } from "commander";
import { bindStages } from "../bind-stages.ts";
import { isGapwatchError } from "../errors.ts";
import { type ReplaySummary, replay } from "../replay.ts";
import { deadLetterLine } from "../wire.ts";
import { exitCodes } from "./exit-codes.ts";

interface ReplayFlags {
  site: string;
  rules?: string;
  out?: string;
  dlq?: string;
  json?: boolean;
  allowedLatenessMs: string;
  quiet?: boolean;
}

export function registerReplay(program: Command): void {
  program
    .command("replay")
    .description(
      "Run the whole pipeline over NDJSON or Zeek TSV files in event-time order (no Kafka, no Elasticsearch)",
    )
    .argument(
      "<inputs...>",
      "files or directories (read recursively) of NDJSON or Zeek TSV records, any supported format",
    )
    .requiredOption("--site <file>", "site model YAML (zones, conduits, assets)")
    .option("--rules <dir>", "rules directory (default: the built-in pack)")
    .option("--out <file>", "write incidents here, one ECS document per line (default: stdout)")
    .option("--dlq <file>", "write dead letters here, one JSON line each with code, reason, provenance and original")
    .option("--json", "print a JSON summary on stdout (requires --out)")
    .option("--allowed-lateness-ms <ms>", "event-time lateness tolerated before an event is late", "60000")
    .option("--quiet", "no progress on stderr")
    .action(async (inputs: string[], flags: ReplayFlags) => {
      process.exitCode = await runReplay(inputs, flags);
    });
}

async function runReplay(inputs: string[], flags: ReplayFlags): Promise<number> {
  const lateness = Number(flags.allowedLatenessMs);
  if (!Number.isInteger(lateness) || lateness < 0) {
    process.stderr.write("gapwatch replay: --allowed-lateness-ms must be a non-negative integer\n");
    return exitCodes.usage;
  }
  if (flags.json && !flags.out) {
    process.stderr.write("gapwatch replay: --json needs --out (stdout carries the summary)\n");
    return exitCodes.usage;
  }
  const progress = (text: string) => {
    if (!flags.quiet) process.stderr.write(`${text}\n`);
  };
  let dlq: WriteStream | undefined;
  try {
    const stages = await bindStages({
      sitePath: flags.site,
      ...(flags.rules ? { rulesDir: flags.rules } : {}),
      allowedLatenessMs: lateness,
      stateBounds: { maxEntriesPerRule: 1_000_000, ttlMs: 7 * 86_400_000 },
    });
    progress(`gapwatch replay: ${stages.ruleCount} rules, site model ${flags.site}`);
    dlq = flags.dlq ? createWriteStream(flags.dlq) : undefined;
    const started = performance.now();
    const result = await replay({
      inputs,
      stages,
      onDeadLetter: (dead) => dlq?.write(`${deadLetterLine(dead)}\n`),
      onProgress: (p) => {
        if (p.phase === "read") progress(`  read ${p.files} file(s): ${p.records} records, ${p.events} events`);
        else if (p.phase === "correlate")
          progress(`  correlated ${p.eventsDone}/${p.events} events, ${p.incidents} incidents`);
      },
    });
    if (dlq) await closeStream(dlq);
    const lines = result.incidents.map((incident) => `${JSON.stringify(stages.toEcs(incident))}\n`);
    if (flags.out) {
      const out = createWriteStream(flags.out);
      for (const line of lines) if (!out.write(line)) await once(out, "drain");
      await closeStream(out);
    } else {
      for (const line of lines) if (!process.stdout.write(line)) await once(process.stdout, "drain");
    }
    const seconds = (performance.now() - started) / 1000;
    progress(describe(result.summary, seconds, flags));
    if (flags.json) process.stdout.write(`${JSON.stringify({ ...result.summary, seconds })}\n`);
    return exitCodes.ok;
  } catch (error) {
    dlq?.destroy();
    if (isGapwatchError(error)) {
      process.stderr.write(`gapwatch replay: ${error.describe()}\n`);
      return exitCodes.config;
    }
    throw error;
  }
}

function describe(s: ReplaySummary, seconds: number, flags: ReplayFlags): string {
  const dead = Object.entries(s.deadLettersByCode)
    .map(([code, n]) => `${code}=${n}`)
    .join(", ");
  return [
    `gapwatch replay: ${s.events} events from ${s.records} records in ${s.files} file(s), ${seconds.toFixed(1)} s`,
    `  incidents: ${s.incidents} (${s.incidentUpdates} updates)${flags.out ? ` -> ${flags.out}` : ""}`,
    `  dead letters: ${s.deadLetters}${dead ? ` (${dead})` : ""}${flags.dlq && s.deadLetters ? ` -> ${flags.dlq}` : ""}`,
    ...(s.lateEvents ? [`  late events: ${s.lateEvents}`] : []),
  ].join("\n");
}

async function closeStream(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, "finish");
}
