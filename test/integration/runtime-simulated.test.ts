// The simulator's plant (every EDR and OT format it writes, the built-in rule pack, a multi-hop pivot
// laptop -> jump host -> EWS -> PLC whose hops are keyed by different hosts) through three `gapwatch run`
// instances in one group: the derived events of the path rule cross partitions (and instances) through
// the events topic. The path incident must be exactly replay's; the others match within a small tolerance.
import { spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindStages } from "../../processors/runtime/bind-stages.ts";
import { replay } from "../../processors/runtime/replay.ts";
import { testStack } from "../support/stack.ts";
import { waitForIncidents } from "./runtime-es.ts";
import { incidentsOf } from "./runtime-expect.ts";
import { cleanup, createRunEnv, exited, REPO, type RunEnv, spawnRun, waitForLog } from "./runtime-harness.ts";

// Records are produced in event-time order at a pace (a live plant); three instances on a busy machine
// can still drift apart (a loaded CI machine: minutes of event time), which this lateness covers.
const LATENESS = 600_000;
let env: RunEnv;
let simDir: string;
let files: string[];

beforeAll(async () => {
  const stack = testStack();
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  simDir = await mkdtemp(join(tmpdir(), "gapwatch-sim-"));
  const sim = spawnSync(
    process.execPath,
    [
      join(REPO, "bin/gapwatch.js"),
      "simulate",
      "-o",
      simDir,
      "--seed",
      "7",
      "--duration",
      "20",
      "--it-hosts",
      "20",
      "--scenarios",
      "phishing-to-modbus-write,it-to-plc-conduit-violation",
    ],
    { cwd: REPO, encoding: "utf8" },
  );
  expect(sim.status, sim.stderr).toBe(0);
  files = (await readdir(join(simDir, "records"))).filter((f) => f.endsWith(".ndjson")).sort();
  const extraRaw = files
    .map((f) => f.replace(/\.ndjson$/, ""))
    .filter((t) => t !== "it.edr.defend" && t !== "ot.zeek.modbus_detailed");
  env = await createRunEnv({
    brokers: stack.kafkaBrokers,
    esUrl: stack.esUrl,
    latenessMs: LATENESS,
    extraRaw,
    site: join(simDir, "site.yaml"),
    rules: null,
    // Tight alignment: leases are learned from EDR events before the OT flows they explain are routed.
    runtime: { alignment_ms: 1000 },
  });
});

afterAll(async () => {
  if (env) await cleanup(env);
  const { rm } = await import("node:fs/promises");
  if (simDir) await rm(simDir, { recursive: true, force: true });
});

describe("the simulated plant through three gapwatch run instances", () => {
  it("gives replay's incidents through three instances (the multi-hop pivot exactly)", {
    timeout: 360_000,
  }, async () => {
    const stages = await bindStages({
      sitePath: join(simDir, "site.yaml"),
      allowedLatenessMs: LATENESS,
      stateBounds: { maxEntriesPerRule: 100_000, ttlMs: 86_400_000 },
    });
    const result = await replay({ inputs: [join(simDir, "records")], stages });
    const expected = new Map(result.incidents.map((i) => [i.id, i]));
    expect(result.incidents.some((i) => i.rule.kind === "path")).toBe(true); // the multi-hop pivot

    const instances = ["a", "b", "c"].map((name) => spawnRun(env, name));
    for (const name of ["a", "b", "c"]) await waitForLog(env, name, /"message":"ready"/, 90_000);
    // Merge every file by event time (read with the same decoder gapwatch uses), then produce in chunks.
    const all: Array<{ topic: string; value: string; time: number }> = [];
    for (const file of files) {
      const topic = `${env.id}.${file.replace(/\.ndjson$/, "")}`;
      const lines = (await readFile(join(simDir, "records", file), "utf8")).split("\n").filter(Boolean);
      for (const value of lines) {
        const event = stages.decode({ value, provenance: { topic } }, undefined).events[0];
        all.push({ topic, value, time: event ? Date.parse(event["@timestamp"]) : 0 });
      }
    }
    all.sort((a, b) => a.time - b.time);
    const producer = env.kafka.producer();
    await producer.connect();
    for (let i = 0; i < all.length; i += 150) {
      const chunk = all.slice(i, i + 150);
      await producer.sendBatch({
        acks: -1,
        topicMessages: chunk.map((r, n) => ({
          topic: r.topic,
          messages: [{ value: r.value, partition: (i + n) % 3 }],
        })),
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await producer.disconnect();

    // The multi-hop pivot must come out exactly as in replay: its hops are keyed by different hosts, so
    // its derived events cross partitions and instances through the events topic. The other rules are
    // compared loosely: with three instances an OT flow can be enriched before the identity lease learned
    // on another instance arrives (the global table is eventually consistent, README limits), and a risk
    // window's start depends on per-partition watermark progress; their differences are printed.
    // A path hop that reaches another instance after that partition's watermark passed the next host's
    // actions (a loaded machine) is made good by the path kind (the reached host replays its kept actions).
    const paths = new Map([...expected].filter(([, i]) => i.rule.kind === "path"));
    const hits = await waitForIncidents(
      env,
      (h) => {
        const got = incidentsOf(h);
        return [...paths].every(([id, e]) => got.get(id)?.count === e.count) && got.size >= expected.size - 2;
      },
      120_000,
    );
    const got = incidentsOf(hits);
    const missing = [...expected.keys()].filter((id) => !got.has(id));
    const extra = [...got.keys()].filter((id) => !expected.has(id));
    if (missing.length + extra.length > 0)
      console.info("runtime-simulated: differences from replay", { missing, extra });
    for (const [id, e] of paths) {
      const want = { count: e.count, first_seen: e.first_seen, last_seen: e.last_seen };
      expect(got.get(id), `multi-hop pivot ${id}`).toEqual(want);
    }
    expect(got.size).toBeGreaterThanOrEqual(expected.size - 2);
    for (const child of instances) child.kill("SIGTERM");
    for (const child of instances) expect((await exited(child)).code).toBe(0);
  });
});
