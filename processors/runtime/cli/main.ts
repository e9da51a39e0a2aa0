// The one `gapwatch` entry (ARCHITECTURE.md section 8). Each verb lives in its own file and registers
// itself on the program; this file only assembles them and maps errors to exit codes.
import { Command, CommanderError } from "commander";
import { registerDemo } from "./demo.ts";
import { exitCodes } from "./exit-codes.ts";
import { registerReplay } from "./replay.ts";
import { registerRules } from "./rules.ts";
import { registerRun } from "./run.ts";
import { registerSimulate } from "./simulate.ts";
import { registerStack } from "./stack.ts";
import { registerTopology } from "./topology.ts";

export function buildProgram(): Command {
  const program = new Command("gapwatch")
    .description("Correlate IT EDR telemetry with OT sensor traffic and raise IT-to-OT pivot incidents")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    registerRun,
    registerReplay,
    registerDemo,
    registerSimulate,
    registerRules,
    registerTopology,
    registerStack,
  ]) {
    register(program);
  }
  return program;
}

/** Runs the CLI; resolves to the process exit code (see exit-codes.ts and the README). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    process.stderr.write(`gapwatch: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitCodes.failed;
  }
}
