// Child process (run with --expose-gc): route + correlate in process over Modbus reads from N distinct
// sources in a Level 3 lab zone to the plant's PLCs, 20 per second of event time so that all N stay inside
// the rules' 24 h windows while the watermark moves. No conduit allows them, so every source becomes a tracked
// entity (risk contributions, distinct-destination counts, first-seen terms) without raising an incident.
// Prints {entities, rss, heapDelta, snapshotBytes, ...} as JSON on stdout. Usage: state-rss.ts <site> <n>
import { readFile, writeFile } from "node:fs/promises";
import { parse, stringify } from "yaml";
import type { EngineSnapshot } from "../../processors/detect/snapshot.ts";
import { bindStages } from "../../processors/runtime/bind-stages.ts";
import { correlateInProcess, routeEvent } from "../../processors/runtime/pipeline.ts";

const [sitePath, countText] = process.argv.slice(2);
const entities = Number(countText);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const site = parse(await readFile(sitePath!, "utf8")) as { zones: Array<Record<string, unknown>> };
site.zones.push({
  id: "z-l3-lab",
  name: "Lab (bench)",
  purdue_level: 3,
  kind: "operations",
  sl_t: 1,
  criticality: "low",
  networks: ["10.128.0.0/9"],
});
const benchSite = `${sitePath}.bench-lab.yaml`;
await writeFile(benchSite, stringify(site));
const stages = await bindStages({
  sitePath: benchSite,
  allowedLatenessMs: 60_000,
  stateBounds: { maxEntriesPerRule: entities * 2, ttlMs: 7 * 86_400_000 },
});
const identity = stages.createIdentity();
const engine = stages.createEngine();
const plcs = ["10.60.0.11", "10.60.0.12", "10.60.0.13"];
gc();
const baseline = process.memoryUsage();
const start = Date.parse("2026-03-10T14:00:00Z");
let incidents = 0;
const started = performance.now();
// Past this heap the measurement stops (and says so) instead of letting the child die out of memory.
const HEAP_LIMIT = 6 * 1024 ** 3;
/** Likewise past this wall time (the full benchmark must stay under 15 minutes on a shared 2-core box). */
const TIME_BUDGET_MS = 200_000;
let fed = 0;
for (let i = 0; i < entities; i++) {
  if (
    i % 50_000 === 0 &&
    i > 0 &&
    (process.memoryUsage().heapUsed > HEAP_LIMIT || performance.now() - started > TIME_BUDGET_MS)
  )
    break;
  fed = i + 1;
  const ip = `10.${128 + ((i >> 16) & 127)}.${(i >> 8) & 255}.${i & 255}`;
  const record = {
    ts: (start + i * 50) / 1000,
    uid: `CB${String(i).padStart(16, "0")}`,
    "id.orig_h": ip,
    "id.orig_p": 40000 + (i % 20000),
    "id.resp_h": plcs[i % plcs.length],
    "id.resp_p": 502,
    tid: i % 65536,
    unit: 1,
    func: "READ_HOLDING_REGISTERS",
    address: 0,
    quantity: 10,
    response_values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    matched: true,
  };
  const decoded = stages.decode(
    {
      value: JSON.stringify(record),
      provenance: { topic: "ot.zeek.modbus_detailed", partition: 0, offset: String(i) },
    },
    undefined,
  );
  for (const event of decoded.events) {
    for (const routed of routeEvent(stages, identity, event).routed)
      incidents += correlateInProcess(stages, engine, routed, 8).incidents.length;
  }
}
const seconds = (performance.now() - started) / 1000;
const reached = fed;
gc();
const after = process.memoryUsage();
/** Serialised size of the engine snapshot, summed entry by entry (one string for a million-key rule would pass
 * V8's string limit and double the heap at the moment the heap is largest); -1 when it still fails. */
function snapshotSize(): number {
  const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? "");
  try {
    // The stage hands the engine's snapshot through as opaque state; this bench knows it is the engine's.
    const snap = engine.snapshot() as EngineSnapshot;
    let bytes = size({ ...snap, partitions: {}, rules: {} });
    for (const partition of Object.values(snap.partitions)) bytes += size(partition);
    for (const rule of Object.values(snap.rules)) {
      bytes += size(rule.started);
      for (const entry of rule.slots) bytes += size(entry) + 1;
      for (const entry of rule.open) bytes += size(entry) + 1;
    }
    return bytes;
  } catch {
    return -1;
  }
}
const snapshotBytes = snapshotSize();
process.stdout.write(
  `${JSON.stringify({ entities: reached, requested: entities, rss: after.rss, rssDelta: after.rss - baseline.rss, heapDelta: after.heapUsed - baseline.heapUsed, snapshotBytes, incidents, eventsPerSecond: reached / seconds, stateEntries: engine.metrics().stateEntries })}\n`,
);
