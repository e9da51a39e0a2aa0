// `gapwatch replay`: placeholder until its issue lands.
import type { Command } from "commander";
import { exitCodes } from "./exit-codes.ts";

export function registerReplay(program: Command): void {
  program
    .command("replay")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("gapwatch replay: not implemented yet\n");
      process.exitCode = exitCodes.failed;
    });
}
