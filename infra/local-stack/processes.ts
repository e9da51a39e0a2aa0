// Starting, finding and stopping the stack's JVMs. Each is started detached with its output in a log file;
// `stack down` finds them by pid file and, as a safety net, by the cache path in their command line, so a lost
// pid file never leaves a broker behind.
import { type SpawnOptions, spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but belongs to another user (Elasticsearch runs as an unprivileged user).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Pids of running processes whose command line mentions `marker` (a path under the cache directory). */
export function processesMentioning(marker: string): number[] {
  const pids: number[] = [];
  if (!existsSync("/proc")) return pids;
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (cmdline.includes(marker) && /java/.test(cmdline)) pids.push(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

export function spawnDetached(command: string, args: string[], logFile: string, options: SpawnOptions = {}): number {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const out = openSync(logFile, "a");
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", out, out] });
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${command}; see ${logFile}`);
  return child.pid;
}

export function writePid(pidFile: string, pid: number): void {
  mkdirSync(path.dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, `${pid}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM, wait up to `graceMs`, then SIGKILL; resolves once every pid is gone. */
export async function stopProcesses(pids: number[], graceMs = 20_000): Promise<void> {
  const signal = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone.
    }
  };
  for (const pid of pids) signal(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (pids.some(isAlive) && Date.now() < deadline) await sleep(200);
  for (const pid of pids.filter(isAlive)) signal(pid, "SIGKILL");
  while (pids.some(isAlive)) await sleep(100);
}

export function removeFile(file: string): void {
  rmSync(file, { force: true });
}

/** Last lines of a log file, for error messages that point at the cause. */
export function logTail(file: string, lines = 15): string {
  if (!existsSync(file)) return "(no log written)";
  return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}
