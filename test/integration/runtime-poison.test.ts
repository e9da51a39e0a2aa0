// Poison input: more than 200 malformed records (truncated JSON, wrong types, > 1 MiB records, deep nesting,
// __proto__ keys, invalid UTF-8, far-future/past timestamps, unknown formats, empty records) interleaved with
// a pivot scenario. Every bad record is in the dead-letter topic with its original bytes, a reason and its
// source coordinates; every good incident is still produced; the process never crashes or restarts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poisonCorpus } from "../../processors/runtime/test-support/poison.ts";
import { pivotScenario } from "../../processors/runtime/test-support/scenario.ts";
import { HEADER } from "../../processors/runtime/wire.ts";
import { testStack } from "../support/stack.ts";
import { waitForIncidents } from "./runtime-es.ts";
import { expectedIncidentIds } from "./runtime-expect.ts";
import {
  cleanup,
  createRunEnv,
  exited,
  produce,
  type RunEnv,
  readLog,
  readTopic,
  spawnRun,
} from "./runtime-harness.ts";

let env: RunEnv;

beforeAll(async () => {
  const stack = testStack();
  env = await createRunEnv({ brokers: stack.kafkaBrokers, esUrl: stack.esUrl });
});

afterAll(async () => {
  if (env) await cleanup(env);
});

describe("gapwatch run with poison input", () => {
  it("dead-letters every bad record with a reason and still produces every incident", {
    timeout: 240_000,
  }, async () => {
    const scenario = pivotScenario({ pivots: 15 });
    const expected = await expectedIncidentIds(env, scenario);
    const poison = poisonCorpus(220);
    expect(new Set(poison.map((p) => p.kind)).size).toBeGreaterThanOrEqual(10);
    // Interleave: a bad record after every good one, the rest at the end.
    const mixed: Array<{ stream: "edr" | "zeek"; value: string | Buffer }> = [];
    for (let i = 0; i < Math.max(scenario.length, poison.length); i += 1) {
      if (scenario[i]) mixed.push(scenario[i]!);
      if (poison[i]) mixed.push(poison[i]!);
    }

    const child = spawnRun(env, "poison");
    await produce(env, mixed);
    const hits = await waitForIncidents(env, (h) => h.length >= expected.length, 120_000);
    expect(hits.map((h) => h._id).sort()).toEqual(expected);

    const dead = await readTopic(env, env.topics.deadLetter, poison.length, 60_000);
    expect(dead).toHaveLength(poison.length);
    for (const record of dead) {
      expect(record.headers[HEADER.dlqCode]).toMatch(/^[a-z0-9_.]+$/);
      expect(record.headers[HEADER.dlqReason]?.length).toBeGreaterThan(5);
      expect([env.topics.edr, env.topics.zeek]).toContain(record.headers[HEADER.dlqTopic]);
      expect(record.headers[HEADER.dlqOffset]).toMatch(/^\d+$/);
    }
    // Original bytes are kept exactly, invalid UTF-8 included.
    const utf8 = poison.find((p) => p.kind === "invalid_utf8")!.value;
    expect(dead.some((d) => d.value?.equals(utf8))).toBe(true);
    const codes = new Set(dead.map((d) => d.headers[HEADER.dlqCode]));
    for (const code of [
      "parse_error",
      "depth_exceeded",
      "invalid_utf8",
      "timestamp_out_of_range",
      "unknown_format",
      "record_too_large",
    ]) {
      expect(codes, code).toContain(code);
    }

    // Still the same process: no crash, no restart, and it stops cleanly.
    expect(child.exitCode).toBeNull();
    expect(await readLog(env, "poison")).not.toMatch(/consumer crashed|"log.level":"fatal"/);
    child.kill("SIGTERM");
    expect((await exited(child)).code).toBe(0);
  });
});
