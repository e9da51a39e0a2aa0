// Secured endpoints: a scenario end to end through the broker's SASL/SCRAM-SHA-512-over-TLS listener and an
// Elasticsearch with security on (basic auth, the stack's CA); a wrong Kafka password fails fast, exit 3,
// with an error that names the problem and never prints the secret. Skipped when the local stack has no
// secured endpoints (`gapwatch stack up --secure`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pivotScenario } from "../../processors/runtime/test-support/scenario.ts";
import { secureTestStack } from "../support/stack.ts";
import { waitForIncidents } from "./runtime-es.ts";
import { expectedIncidentIds } from "./runtime-expect.ts";
import { cleanup, createRunEnv, exited, produce, type RunEnv, readLog, spawnRun } from "./runtime-harness.ts";

const secure = secureTestStack();
let env: RunEnv | undefined;

async function reachable(): Promise<boolean> {
  if (!secure) return false;
  const { connect } = await import("node:net");
  const [host, port] = secure.kafkaBrokers[0]!.split(":");
  return new Promise((resolve) => {
    const socket = connect(Number(port), host!, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

const available = await reachable();
if (!available) console.warn("runtime-secure: no secured endpoints (run `gapwatch stack up --secure`); skipping");

beforeAll(async () => {
  if (!secure || !available) return;
  env = await createRunEnv({ brokers: secure.kafkaBrokers, esUrl: secure.esUrl, secure });
});

afterAll(async () => {
  if (env) await cleanup(env);
});

describe.skipIf(!available)("gapwatch run against secured Kafka and Elasticsearch", () => {
  it("runs a scenario end to end over SASL/SCRAM + TLS and Elasticsearch basic auth", {
    timeout: 180_000,
  }, async () => {
    const run = env!;
    const records = pivotScenario({ pivots: 6 });
    const expected = await expectedIncidentIds(run, records);
    await produce(run, records);
    const child = spawnRun(run, "secure");
    const hits = await waitForIncidents(run, (h) => h.length >= expected.length, 120_000);
    expect(hits.map((h) => h._id).sort()).toEqual(expected);
    child.kill("SIGTERM");
    expect((await exited(child)).code).toBe(0);
    expect(await readLog(run, "secure")).not.toContain(secure!.credentials.kafka.password);
  });

  it("fails fast on a wrong Kafka password without printing it", { timeout: 120_000 }, async () => {
    const wrongPassword = `wrong-${Date.now()}-secret`;
    const bad = await createRunEnv({
      brokers: secure!.kafkaBrokers,
      esUrl: secure!.esUrl,
      secure: secure!,
      gapwatchKafkaPassword: wrongPassword,
    });
    try {
      const started = Date.now();
      const child = spawnRun(bad, "wrong");
      const exit = await exited(child);
      expect(exit.code).toBe(3);
      expect(Date.now() - started).toBeLessThan(60_000);
      const log = await readLog(bad, "wrong");
      expect(log).toMatch(/SASL|[Aa]uthentication/);
      expect(log).not.toContain(wrongPassword);
      expect(log).not.toContain(secure!.credentials.kafka.password);
    } finally {
      await cleanup(bad);
    }
  });
});
