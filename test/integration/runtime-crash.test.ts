// Crash recovery: a running `gapwatch run` is SIGKILLed midway through a live scenario whose pivots (EDR alert,
// then Modbus writes minutes later) straddle the kill; a second process takes over. Every incident replay
// finds is in Elasticsearch exactly once with the same id and the same final count (no event applied twice
// after the restore, none skipped), and nothing else is.
import { describe, expect, it } from "vitest";
import { pivotScenario } from "../../processors/runtime/test-support/scenario.ts";
import { waitForIncidents } from "./runtime-es.ts";
import { expectedIncidents, incidentsOf } from "./runtime-expect.ts";
import { exited, produceLive, readLog, runEnvPerTest, spawnRun, waitForLog, waitForMetric } from "./runtime-harness.ts";

/** Its own topics and index per attempt: a retry must not see the first attempt's incidents. Produced live in
 * event-time order, so a lateness of a few chunks' span is enough and incidents are emitted while the stream
 * flows (the kill then lands between them). */
const newRunEnv = runEnvPerTest();
const newEnv = () => newRunEnv({ latenessMs: 10 * 60_000 });

describe("gapwatch run after SIGKILL", () => {
  it("a second process restores the state and every incident ends up in Elasticsearch exactly once", {
    timeout: 300_000,
  }, async () => {
    const env = await newEnv();
    const records = pivotScenario({ pivots: 40, backgroundPerPivot: 10, writesPerPivot: 3 });
    const expected = await expectedIncidents(env, records);

    const first = spawnRun(env, "first");
    const producing = produceLive(env, records, 20, 300);
    // Kill once some incidents are durable and a state snapshot was written, while records are still flowing.
    await waitForIncidents(env, (hits) => hits.length >= 6, 90_000);
    await waitForMetric(env, "first", /^gapwatch_state_snapshots_total\{[^}]*outcome="ok"/, (n) => n >= 1, 60_000);
    const before = await waitForIncidents(env, () => true, 10_000);
    first.kill("SIGKILL");
    expect(before.length).toBeLessThan(expected.size / 2);
    expect((await exited(first)).signal).toBe("SIGKILL");

    const second = spawnRun(env, "second");
    await producing;
    const hits = await waitForIncidents(
      env,
      (h) => {
        const got = incidentsOf(h);
        return [...expected].every(([id, e]) => got.get(id)?.count === e.count);
      },
      120_000,
    );
    const got = incidentsOf(hits);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, e] of expected) expect(got.get(id), id).toEqual(e);
    // The second process really restored state written by the first.
    await waitForLog(env, "second", /"from":"\d+","message":"partition state restored"/);
    expect(await readLog(env, "second")).toMatch(/"from":"\d+","message":"partition state restored"/);
    second.kill("SIGTERM");
    expect((await exited(second)).code).toBe(0);
  });
});
