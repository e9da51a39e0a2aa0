// Writes a simulation as files: one NDJSON file per raw topic under `records/` (`<topic>.ndjson`, the name
// tells replay which Zeek log a record is), the site model (`site.yaml`) and the ground truth (`truth.json`)
// beside it, so `gapwatch replay <dir>/records --site <dir>/site.yaml` reads only records.

import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Simulation } from "./core.ts";
import { siteYaml } from "./site-yaml.ts";

export interface WrittenSimulation {
  dir: string;
  records_dir: string;
  site: string;
  truth: string;
  files: Record<string, number>;
  records: number;
}

export async function writeSimulation(simulation: Simulation, dir: string): Promise<WrittenSimulation> {
  const recordsDir = path.join(dir, "records");
  await mkdir(recordsDir, { recursive: true });
  const site = path.join(dir, "site.yaml");
  const truth = path.join(dir, "truth.json");
  await writeFile(site, siteYaml(simulation.plant));
  await writeFile(truth, `${JSON.stringify(simulation.truth, null, 2)}\n`);
  const streams = new Map<string, WriteStream>();
  const counts: Record<string, number> = {};
  let records = 0;
  for (const batch of simulation.batches()) {
    const lines = new Map<string, string[]>();
    for (const record of batch) {
      const list = lines.get(record.topic) ?? [];
      list.push(JSON.stringify(record.value));
      lines.set(record.topic, list);
    }
    for (const [topic, list] of lines) {
      let stream = streams.get(topic);
      if (!stream) {
        stream = createWriteStream(path.join(recordsDir, `${topic}.ndjson`));
        streams.set(topic, stream);
      }
      if (!stream.write(`${list.join("\n")}\n`)) await once(stream, "drain");
      counts[`${topic}.ndjson`] = (counts[`${topic}.ndjson`] ?? 0) + list.length;
      records += list.length;
    }
  }
  await Promise.all(
    [...streams.values()].map(
      (s) => new Promise<void>((resolve, reject) => s.end((e?: Error | null) => (e ? reject(e) : resolve()))),
    ),
  );
  return { dir, records_dir: recordsDir, site, truth, files: counts, records };
}
