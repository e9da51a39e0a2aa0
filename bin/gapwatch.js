#!/usr/bin/env node
// The `gapwatch` command. The sources are TypeScript run through tsx's loader, so `npm ci` is the only
// build step a user needs (Node 20 has no native type stripping).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../processors/runtime/cli/main.ts");
process.exitCode = await main(process.argv);
