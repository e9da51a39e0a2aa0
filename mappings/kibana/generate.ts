// Writes gapwatch.ndjson from saved-objects.ts: `npx tsx mappings/kibana/generate.ts`.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SAVED_OBJECTS, toNdjson } from "./saved-objects.ts";

const target = fileURLToPath(new URL("./gapwatch.ndjson", import.meta.url));
writeFileSync(target, toNdjson(SAVED_OBJECTS));
process.stdout.write(`wrote ${SAVED_OBJECTS.length} saved objects to ${target}\n`);
