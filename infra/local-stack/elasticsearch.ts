// A single-node Elasticsearch (the integ-test distribution) on 127.0.0.1 with a small heap and security off.
// Elasticsearch refuses to run as root, so as root it runs as the unprivileged user `gapwatch`, created here
// when missing. The integ-test zip has no bundled JDK: ES_JAVA_HOME points at the JDK we found.
import { spawnSync } from "node:child_process";
import { chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { waitUntil } from "./health.ts";
import type { Jdk } from "./java.ts";
import type { StackLayout } from "./paths.ts";
import { processesMentioning, readPid, removeFile, spawnDetached, stopProcesses } from "./processes.ts";
import type { Progress } from "./progress.ts";

export const esUser = "gapwatch";

export function esUrl(layout: StackLayout): string {
  return `http://127.0.0.1:${layout.ports.es}`;
}

function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

function ensureUser(): { uid: number; gid: number } {
  const lookup = () => spawnSync("id", ["-u", esUser], { encoding: "utf8" });
  if (lookup().status !== 0) {
    const add = spawnSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", esUser], {
      encoding: "utf8",
    });
    if (add.status !== 0) throw new Error(`cannot create user ${esUser} for Elasticsearch: ${add.stderr}`);
  }
  const uid = Number(lookup().stdout.trim());
  const gid = Number(spawnSync("id", ["-g", esUser], { encoding: "utf8" }).stdout.trim());
  return { uid, gid };
}

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) chownTree(full, uid, gid);
    else chownSync(full, uid, gid);
  }
}

function writeConfig(layout: StackLayout): void {
  const config = path.join(layout.esHome, "config");
  writeFileSync(
    path.join(config, "elasticsearch.yml"),
    [
      "cluster.name: gapwatch-local",
      "node.name: gapwatch-local-1",
      "discovery.type: single-node",
      "network.host: 127.0.0.1",
      `http.port: ${layout.ports.es}`,
      `transport.port: ${layout.ports.esTransport}`,
      `path.data: ${layout.esDataDir}`,
      `path.logs: ${layout.esLogDir}`,
      "xpack.security.enabled: false",
      // No vm.max_map_count tuning needed (we cannot sysctl on CI): use NIO instead of mmap.
      "node.store.allow_mmap: false",
      // CI disks may be nearly full; a read-only index there would fail tests for the wrong reason.
      "cluster.routing.allocation.disk.threshold_enabled: false",
      "action.destructive_requires_name: false",
      "",
    ].join("\n"),
  );
  mkdirSync(path.join(config, "jvm.options.d"), { recursive: true });
  writeFileSync(path.join(config, "jvm.options.d", "gapwatch.options"), "-Xms768m\n-Xmx768m\n");
}

export function esPid(layout: StackLayout): number | undefined {
  return readPid(layout.esPidFile);
}

export async function esHealthy(layout: StackLayout): Promise<boolean> {
  const response = await fetch(`${esUrl(layout)}/_cluster/health?wait_for_status=yellow&timeout=1s`, {
    signal: AbortSignal.timeout(3000),
  });
  return response.ok;
}

export async function startElasticsearch(layout: StackLayout, jdk: Jdk, progress: Progress): Promise<void> {
  writeConfig(layout);
  for (const dir of [layout.esDataDir, layout.esLogDir]) mkdirSync(dir, { recursive: true });
  const launcher = path.join(layout.esHome, "bin", "elasticsearch");
  const args = ["-p", layout.esPidFile];
  const env = { ...process.env, ES_JAVA_HOME: jdk.home, ES_JAVA_OPTS: "" };
  progress(`starting Elasticsearch on ${esUrl(layout)} (log: ${layout.esLauncherLog})`);
  let launcherPid: number;
  if (runningAsRoot()) {
    const { uid, gid } = ensureUser();
    // ES writes its keystore into config/ and needs its data, log and pid locations.
    for (const dir of [layout.esHome, path.dirname(layout.esPidFile)]) chownTree(dir, uid, gid);
    launcherPid = spawnDetached("runuser", ["-u", esUser, "--", launcher, ...args], layout.esLauncherLog, { env });
  } else {
    launcherPid = spawnDetached(launcher, args, layout.esLauncherLog, { env });
  }
  // The launcher stays in the foreground as the server's parent, so its death means start-up failed.
  await waitUntil(() => esHealthy(layout), {
    what: "Elasticsearch",
    logFile: layout.esLauncherLog,
    pid: () => launcherPid,
    timeoutMs: 150_000,
  });
}

export async function stopElasticsearch(layout: StackLayout): Promise<void> {
  const pids = new Set(processesMentioning(layout.esHome));
  const pid = esPid(layout);
  if (pid !== undefined) pids.add(pid);
  await stopProcesses([...pids]);
  removeFile(layout.esPidFile);
}
