// `gapwatch run` end to end on the real broker and Elasticsearch: raw EDR and Zeek records in Kafka ->
// a spawned `gapwatch run` -> ECS incidents in Elasticsearch, exactly the ones `replay` finds in the same
// records; then SIGTERM mid-stream (exit 0 within 10 s) and a restart that loses nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pivotScenario } from "../../processors/runtime/test-support/scenario.ts";
import { testStack } from "../support/stack.ts";
import { waitForIncidents } from "./runtime-es.ts";
import { expectedIncidentIds } from "./runtime-expect.ts";
import { cleanup, createRunEnv, exited, produce, type RunEnv, readLog, spawnRun } from "./runtime-harness.ts";

let env: RunEnv;

beforeAll(async () => {
  const stack = testStack();
  env = await createRunEnv({ brokers: stack.kafkaBrokers, esUrl: stack.esUrl });
});

afterAll(async () => {
  if (env) await cleanup(env);
});

const ids = (hits: Array<{ _id: string }>) => hits.map((h) => h._id).sort();

describe("gapwatch run", () => {
  it("turns raw records in Kafka into the same incidents in Elasticsearch as replay, and survives SIGTERM", async () => {
    const records = pivotScenario({ pivots: 12 });
    const expected = await expectedIncidentIds(env, records);
    expect(expected.length).toBeGreaterThanOrEqual(12);
    const half = records.findIndex((r) => r.time >= records[records.length - 1]!.time / 2 + records[0]!.time / 2);

    await produce(env, records.slice(0, half));
    const first = spawnRun(env, "first");
    const partial = await waitForIncidents(env, (hits) => hits.length > 0, 90_000);
    expect(partial.length).toBeGreaterThan(0);

    // Health and metrics on the ops port the service logged.
    const port = Number(/"port":(\d+),"message":"metrics and health/.exec(await readLog(env, "first"))?.[1]);
    expect(port).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/gapwatch_route_events_total\{topic="[^"]+",format="elastic-defend"\} \d+/);
    expect(metrics).toMatch(/gapwatch_consumer_lag_records\{/);

    // SIGTERM while the second half is being produced: a bounded, clean stop.
    const producing = produce(env, records.slice(half));
    const stopAt = Date.now();
    first.kill("SIGTERM");
    const exit = await exited(first);
    expect(Date.now() - stopAt).toBeLessThan(10_000);
    expect(exit.code).toBe(0);
    await producing;

    const second = spawnRun(env, "second");
    const hits = await waitForIncidents(env, (h) => h.length >= expected.length, 90_000);
    expect(ids(hits)).toEqual(expected);
    const docs = hits.map((h) => h._source as { event?: { kind?: string; dataset?: string } });
    expect(docs.every((d) => d.event?.kind === "alert" && d.event.dataset === "gapwatch.incident")).toBe(true);
    second.kill("SIGTERM");
    expect((await exited(second)).code).toBe(0);
  });

  it("refuses to start on an internal topic whose partition count disagrees with the config", async () => {
    const admin = env.kafka.admin();
    await admin.connect();
    // The events topic exists with the configured 4 partitions; declare 2 in a second config.
    await admin.disconnect();
    const { readFile, writeFile } = await import("node:fs/promises");
    const text = await readFile(env.configFile, "utf8");
    const wrong = text.replace(/(name: [^\n]+\.events\n\s+partitions: )4/, "$12");
    expect(wrong).not.toBe(text);
    const file = `${env.configFile}.wrong.yaml`;
    await writeFile(file, wrong);
    const child = spawnRun({ ...env, configFile: file }, "wrong");
    const exit = await exited(child);
    expect(exit.code).toBe(3);
    expect(await readLog(env, "wrong")).toMatch(
      /topic\.partitions_mismatch|has 4 partitions but the configuration declares 2/,
    );
  });
});
