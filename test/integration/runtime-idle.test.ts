// The idle watermark must tell a quiet input from a stalled upstream. An events partition that receives
// nothing for `idle_watermark_ms` has its watermark follow the wall clock, so the last windows close when the
// input stops; but nothing also arrives while the route stage is down, rebalancing or cut off from the broker,
// and the records it routes afterwards may be older than the partition's latest event (raw partitions are
// not in step). Within the allowed lateness they must still count: here a pivot is routed only after a
// route-stage outage longer than the idle timeout, behind a later event, and its incident must come out.
import { describe, expect, it } from "vitest";
import { pivotScenario } from "../../processors/runtime/test-support/scenario.ts";
import { waitForIncidents } from "./runtime-es.ts";
import { expectedIncidents, incidentsOf } from "./runtime-expect.ts";
import { exited, produce, runEnvPerTest, spawnRun, waitForLog, waitForMetric } from "./runtime-harness.ts";

const newRunEnv = runEnvPerTest();

const ROUTE_ONLY = { GAPWATCH_RUNTIME_ROLES: "route" };
const CORRELATE_ONLY = { GAPWATCH_RUNTIME_ROLES: "correlate" };

describe("idle watermark", () => {
  it("does not turn a route-stage outage into late events", { timeout: 240_000 }, async () => {
    // One events partition: the later event and the pivot share one watermark. Idle after 3 s (harness).
    const env = await newRunEnv({ latenessMs: 10 * 60_000, eventsPartitions: 1 });
    const start = Date.parse("2026-03-02T08:00:00Z");
    const pivot = pivotScenario({ pivots: 1, backgroundPerPivot: 0, writesPerPivot: 1, start });
    // A write from the same host 8 minutes after the pivot began (within the lateness of the pivot's events),
    // routed first: it sets the partition's latest event time.
    const later = pivotScenario({
      pivots: 1,
      backgroundPerPivot: 0,
      writesPerPivot: 1,
      start: start + 3 * 60_000,
    }).filter((r) => r.stream === "zeek");
    const expected = await expectedIncidents(env, [...pivot, ...later]);
    expect(expected.size).toBeGreaterThan(0);

    const correlate = spawnRun(env, "correlate", CORRELATE_ONLY);
    const route = spawnRun(env, "route", ROUTE_ONLY);
    await waitForLog(env, "correlate", /"message":"ready"/, 60_000);
    await waitForLog(env, "route", /"message":"ready"/, 60_000);
    await produce(env, later);
    await waitForMetric(env, "route", /^gapwatch_route_records_in_total/, (v) => v >= later.length, 60_000);

    // The route stage goes away; the pivot is written to the raw topics meanwhile and waits there.
    route.kill("SIGTERM");
    expect((await exited(route)).code).toBe(0);
    await produce(env, pivot);
    // Longer than the idle timeout (3 s) and its 1 s check: a watermark following the clock has moved by now.
    await new Promise((resolve) => setTimeout(resolve, 8000));

    spawnRun(env, "route-again", ROUTE_ONLY);
    const hits = await waitForIncidents(
      env,
      (h) => [...expected].every(([id, e]) => incidentsOf(h).get(id)?.count === e.count),
      90_000,
    );
    expect(incidentsOf(hits)).toEqual(expected);
    await waitForMetric(env, "correlate", /^gapwatch_correlate_late_events/, (v) => v === 0, 10_000);
    correlate.kill("SIGTERM");
    expect((await exited(correlate)).code).toBe(0);
  });
});
