// `gapwatch demo`: placeholder until its issue lands.
import type { Command } from "commander";
import { exitCodes } from "./exit-codes.ts";

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("gapwatch demo: not implemented yet\n");
      process.exitCode = exitCodes.failed;
    });
}
