// `gapwatch simulate`: placeholder until its issue lands.
import type { Command } from "commander";
import { exitCodes } from "./exit-codes.ts";

export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("gapwatch simulate: not implemented yet\n");
      process.exitCode = exitCodes.failed;
    });
}
