// Waiting for a component to become healthy, failing fast (with the log file named) when its process dies
// or the deadline passes, instead of hanging.
import net from "node:net";
import { isAlive, logTail } from "./processes.ts";

export interface WaitTarget {
  what: string;
  logFile: string;
  pid?: () => number | undefined;
  timeoutMs: number;
}

export async function waitUntil(check: () => Promise<boolean>, target: WaitTarget): Promise<void> {
  const deadline = Date.now() + target.timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    const pid = target.pid?.();
    if (pid !== undefined && !isAlive(pid)) {
      throw new Error(`${target.what} exited during start-up; see ${target.logFile}:\n${logTail(target.logFile)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${target.what} not healthy after ${target.timeoutMs / 1000} s; see ${target.logFile}:\n${logTail(target.logFile)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** True when something accepts TCP connections on host:port within `timeoutMs`. */
export function tcpOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
