// Scale-out and rebalancing: gapwatch instances in one consumer group give exactly the incidents one
// instance (and replay) gives, including pivots whose EDR alert and Modbus write sit on different raw
// partitions (so different route owners): the internal events topic brings them to one correlate owner.
// Then an instance joins and another leaves while events flow: nothing lost, nothing counted twice.
import { describe, expect, it } from "vitest";
import { pivotScenario } from "../../processors/runtime/test-support/scenario.ts";
import { waitForIncidents } from "./runtime-es.ts";
import { expectedIncidents, incidentsOf } from "./runtime-expect.ts";
import { exited, produceLive, runEnvPerTest, spawnRun, waitForLog } from "./runtime-harness.ts";

const newRunEnv = runEnvPerTest();
const newEnv = () => newRunEnv({ latenessMs: 10 * 60_000 });

function allArrived(expected: Map<string, { count: number }>) {
  return (hits: Parameters<typeof incidentsOf>[0]) => {
    const got = incidentsOf(hits);
    return [...expected].every(([id, e]) => got.get(id)?.count === e.count);
  };
}

describe("gapwatch run scaled out", () => {
  it("three instances in one group produce exactly the single-process incidents", { timeout: 300_000 }, async () => {
    const env = await newEnv();
    const records = pivotScenario({ pivots: 30, backgroundPerPivot: 6, writesPerPivot: 2 });
    const expected = await expectedIncidents(env, records);
    // produceLive spreads records round-robin over the 3 raw partitions: pivot 0's alert (index 0) and
    // its first write land on different partitions.
    const firstWrite = records.findIndex((r) => r.stream === "zeek" && r.value.includes("WRITE"));
    expect(firstWrite % 3).not.toBe(0);

    const instances = ["a", "b", "c"].map((name) => spawnRun(env, name));
    for (const name of ["a", "b", "c"]) await waitForLog(env, name, /"message":"ready"/, 60_000);
    await produceLive(env, records, 20, 200);
    const hits = await waitForIncidents(env, allArrived(expected), 150_000);
    const got = incidentsOf(hits);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, e] of expected) expect(got.get(id), id).toEqual(e);
    for (const child of instances) child.kill("SIGTERM");
    for (const child of instances) expect((await exited(child)).code).toBe(0);
  });

  it("an instance joining and another leaving under load loses and duplicates nothing", {
    timeout: 300_000,
  }, async () => {
    const env = await newEnv();
    const records = pivotScenario({ pivots: 40, backgroundPerPivot: 8, writesPerPivot: 3 });
    const expected = await expectedIncidents(env, records);
    const a = spawnRun(env, "a");
    const b = spawnRun(env, "b");
    await waitForLog(env, "a", /"message":"ready"/, 60_000);
    await waitForLog(env, "b", /"message":"ready"/, 60_000);
    // About 1.2 minutes of event time per second of wall time (the scenario's 47 minutes in ~40 s), so the
    // 10-minute lateness covers ~8 s of skew between instances: a rebalance stops some raw partitions while
    // others go on, and on a loaded 2-core machine the new instance starts cold. At 5x this pace a stall of
    // 2 s made a write late (counted in gapwatch_correlate_late_events, as the allowed lateness says).
    const producing = produceLive(env, records, 8, 600);
    await waitForIncidents(env, (h) => h.length >= 4, 90_000);
    const c = spawnRun(env, "c"); // joins: partitions move to it
    await waitForLog(env, "c", /"message":"ready"/, 60_000);
    a.kill("SIGTERM"); // leaves: its partitions move to b and c
    expect((await exited(a)).code).toBe(0);
    await producing;
    const hits = await waitForIncidents(env, allArrived(expected), 150_000);
    const got = incidentsOf(hits);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, e] of expected) expect(got.get(id), id).toEqual(e);
    for (const child of [b, c]) child.kill("SIGTERM");
    for (const child of [b, c]) expect((await exited(child)).code).toBe(0);
  });
});
