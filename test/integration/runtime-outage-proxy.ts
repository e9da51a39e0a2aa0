// A cuttable TCP path to Elasticsearch and an RSS probe, for the outage test.
import { readFile } from "node:fs/promises";

/** A TCP proxy on 127.0.0.1 in front of Elasticsearch that a test can cut (connections refused) and restore. */
export interface OutageProxy {
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startOutageProxy(target: string): Promise<OutageProxy> {
  const { createServer, connect } = await import("node:net");
  const upstream = new URL(target);
  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((client) => {
    const remote = connect(Number(upstream.port || 80), upstream.hostname);
    for (const s of [client, remote]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(remote).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  const port = await listen(0);
  const shut = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cut: shut,
    restore: async () => void (await listen(port)),
    close: () => (server.listening ? shut() : Promise.resolve()),
  };
}

/** Resident set size of a process in bytes (Linux /proc). */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}
