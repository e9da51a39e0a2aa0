// `gapwatch run`: placeholder until its issue lands.
import type { Command } from "commander";
import { exitCodes } from "./exit-codes.ts";

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("gapwatch run: not implemented yet\n");
      process.exitCode = exitCodes.failed;
    });
}
