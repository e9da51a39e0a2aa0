// One HTTP port for operators: /metrics (Prometheus text), /healthz (the process is alive and its event
// loop turns), /readyz (partitions can be served: topics checked, global table loaded, consumers joined).
import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

export interface HealthState {
  /** Null when ready; otherwise what is still missing. */
  notReady(): string | null;
  /** Null when healthy; otherwise why the process should be restarted. */
  unhealthy(): string | null;
}

export async function startOpsServer(
  registry: Registry,
  health: HealthState,
  options: { port: number; host: string },
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const reply = (status: number, body: string, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    if (path === "/metrics") {
      registry.metrics().then(
        (text) => reply(200, text, registry.contentType),
        (error: unknown) => reply(500, String(error)),
      );
    } else if (path === "/healthz") {
      const why = health.unhealthy();
      reply(why ? 503 : 200, why ?? "ok\n");
    } else if (path === "/readyz") {
      const why = health.notReady();
      reply(why ? 503 : 200, why ? `not ready: ${why}\n` : "ready\n");
    } else {
      reply(404, "not found\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    server,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
