// Elasticsearch outage: gapwatch writes to Elasticsearch through a TCP proxy the test cuts for 60 s while
// events keep flowing. The correlate stage stops consuming (it waits on the sink, heartbeating, instead of
// buffering), its RSS stays bounded, nothing is committed past what is durable, and when Elasticsearch is
// reachable again every incident arrives with its final count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pivotScenario } from "../../processors/runtime/test-support/scenario.ts";
import { testStack } from "../support/stack.ts";
import { waitForIncidents } from "./runtime-es.ts";
import { expectedIncidents, incidentsOf } from "./runtime-expect.ts";
import {
  cleanup,
  createRunEnv,
  exited,
  produceLive,
  type RunEnv,
  readLog,
  spawnRun,
  waitForLog,
} from "./runtime-harness.ts";
import { type OutageProxy, rssOf, startOutageProxy } from "./runtime-outage-proxy.ts";

let env: RunEnv;
let proxy: OutageProxy;

beforeAll(async () => {
  const stack = testStack();
  proxy = await startOutageProxy(stack.esUrl);
  env = await createRunEnv({
    brokers: stack.kafkaBrokers,
    esUrl: stack.esUrl,
    gapwatchEsUrl: proxy.url,
    latenessMs: 10 * 60_000,
  });
});

afterAll(async () => {
  await proxy?.close();
  if (env) await cleanup(env);
});

describe("gapwatch run during an Elasticsearch outage", () => {
  it("pauses, stays bounded, and delivers every incident once Elasticsearch is back", {
    timeout: 360_000,
  }, async () => {
    const records = pivotScenario({ pivots: 40, backgroundPerPivot: 20, writesPerPivot: 2 });
    const expected = await expectedIncidents(env, records);
    const child = spawnRun(env, "outage");
    await waitForLog(env, "outage", /"message":"ready"/, 60_000);
    const port = Number(/"port":(\d+),"message":"metrics and health/.exec(await readLog(env, "outage"))?.[1]);
    const third = Math.floor(records.length / 3);

    await produceLive(env, records.slice(0, third), 20, 200);
    await waitForIncidents(env, (h) => h.length > 0, 90_000);
    const baseline = await rssOf(child.pid!);

    await proxy.cut();
    const cutAt = Date.now();
    const producing = produceLive(env, records.slice(third), 20, 300);
    let peak = baseline;
    let waited = false;
    while (Date.now() - cutAt < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      peak = Math.max(peak, await rssOf(child.pid!));
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      if (/gapwatch_sink_waiting\{stage="correlate"\} 1/.test(metrics)) waited = true;
    }
    await producing;
    console.info(
      `runtime-outage: RSS baseline ${(baseline / 2 ** 20).toFixed(0)} MiB, peak during 60 s outage ${(peak / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(waited).toBe(true); // the consumer was held on the sink, not buffering
    expect(child.exitCode).toBeNull(); // and it neither crashed nor left the group for good
    // Bounded: one batch in memory, not the outage's backlog (which stays in Kafka).
    expect(peak - baseline).toBeLessThan(150 * 1024 * 1024);

    await proxy.restore();
    const hits = await waitForIncidents(
      env,
      (h) => {
        const got = incidentsOf(h);
        return [...expected].every(([id, e]) => got.get(id)?.count === e.count);
      },
      150_000,
    );
    const got = incidentsOf(hits);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, e] of expected) expect(got.get(id), id).toEqual(e);
    child.kill("SIGTERM");
    expect((await exited(child)).code).toBe(0);
  });
});
