// `gapwatch rules`: placeholder until its issue lands.
import type { Command } from "commander";
import { exitCodes } from "./exit-codes.ts";

export function registerRules(program: Command): void {
  program
    .command("rules")
    .description("(not implemented yet)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("gapwatch rules: not implemented yet\n");
      process.exitCode = exitCodes.failed;
    });
}
