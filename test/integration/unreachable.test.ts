// Pointing gapwatch at a closed port must fail fast with a message naming the address, never hang.
import net from "node:net";
import { describe, expect, it } from "vitest";
import { checkEndpoints } from "../../infra/local-stack/preflight.ts";

/** A port that nothing listens on: bind an ephemeral port, then close it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("unreachable endpoints", () => {
  it("reports a closed Kafka port and a closed Elasticsearch port by address within the timeout", async () => {
    const kafkaPort = await closedPort();
    const esPort = await closedPort();
    const started = Date.now();
    const error = await checkEndpoints(
      { kafkaBrokers: [`127.0.0.1:${kafkaPort}`], esUrl: `http://127.0.0.1:${esPort}` },
      2000,
    ).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`Kafka broker 127.0.0.1:${kafkaPort} did not accept a connection`);
    expect((error as Error).message).toContain(`Elasticsearch http://127.0.0.1:${esPort} unreachable (ECONNREFUSED)`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("accepts the real stack's endpoints", async () => {
    const { testStack } = await import("../support/stack.ts");
    const stack = testStack();
    await expect(checkEndpoints({ kafkaBrokers: stack.kafkaBrokers, esUrl: stack.esUrl })).resolves.toBeUndefined();
  });
});
