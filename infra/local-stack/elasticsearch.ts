// Elasticsearch nodes (the integ-test distribution) on 127.0.0.1 with a small heap: the plain node tests and
// the demo use (security off), and, with `stack up --secure`, a second node with security on (TLS on HTTP
// from the local CA, basic auth through the file realm, API keys). Elasticsearch refuses to run as root, so
// as root both run as the unprivileged user `gapwatch`, created here when missing. The integ-test zip has
// no bundled JDK: ES_JAVA_HOME points at the JDK we found.
import { spawnSync } from "node:child_process";
import { chownSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { waitUntil } from "./health.ts";
import type { Jdk } from "./java.ts";
import type { StackLayout } from "./paths.ts";
import { processesMentioning, readPid, removeFile, spawnDetached, stopProcesses } from "./processes.ts";
import type { Progress } from "./progress.ts";
import type { SecureCredentials, SecureFiles } from "./secure.ts";

export const esUser = "gapwatch";

/** One Elasticsearch node: where its config, data and logs live and which ports it takes. */
export interface EsNode {
  name: "elasticsearch" | "elasticsearch-secure";
  configDir: string;
  dataDir: string;
  logDir: string;
  launcherLog: string;
  pidFile: string;
  httpPort: number;
  transportPort: number;
  secure: boolean;
}

export function plainNode(layout: StackLayout): EsNode {
  return {
    name: "elasticsearch",
    configDir: path.join(layout.esHome, "config"),
    dataDir: layout.esDataDir,
    logDir: layout.esLogDir,
    launcherLog: layout.esLauncherLog,
    pidFile: layout.esPidFile,
    httpPort: layout.ports.es,
    transportPort: layout.ports.esTransport,
    secure: false,
  };
}

export function secureNode(layout: StackLayout): EsNode {
  const dir = path.join(layout.runDir, "elasticsearch-secure");
  return {
    name: "elasticsearch-secure",
    configDir: path.join(dir, "config"),
    dataDir: path.join(dir, "data"),
    logDir: path.join(dir, "logs"),
    launcherLog: path.join(dir, "launcher.log"),
    pidFile: path.join(dir, "elasticsearch.pid"),
    httpPort: layout.ports.esSecure,
    transportPort: layout.ports.esSecureTransport,
    secure: true,
  };
}

export function nodeUrl(node: EsNode): string {
  return `${node.secure ? "https" : "http"}://127.0.0.1:${node.httpPort}`;
}

export function esUrl(layout: StackLayout): string {
  return nodeUrl(plainNode(layout));
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

function writeConfig(layout: StackLayout, node: EsNode, secure?: SecureFiles): void {
  if (!existsSync(path.join(node.configDir, "jvm.options"))) {
    cpSync(path.join(layout.esHome, "config"), node.configDir, { recursive: true });
  }
  const security = node.secure
    ? [
        "xpack.security.enabled: true",
        "xpack.security.authc.api_key.enabled: true",
        "xpack.security.http.ssl.enabled: true",
        "xpack.security.http.ssl.key: certs/server.key",
        "xpack.security.http.ssl.certificate: certs/server.crt",
        "xpack.security.http.ssl.certificate_authorities: [certs/ca.crt]",
      ]
    : ["xpack.security.enabled: false"];
  if (node.secure && secure) {
    // Elasticsearch reads TLS material only from inside its config directory.
    mkdirSync(path.join(node.configDir, "certs"), { recursive: true });
    copyFileSync(secure.serverKey, path.join(node.configDir, "certs", "server.key"));
    copyFileSync(secure.serverCert, path.join(node.configDir, "certs", "server.crt"));
    copyFileSync(secure.caCert, path.join(node.configDir, "certs", "ca.crt"));
  }
  writeFileSync(
    path.join(node.configDir, "elasticsearch.yml"),
    [
      "cluster.name: gapwatch-local",
      `node.name: ${node.name}`,
      "discovery.type: single-node",
      "network.host: 127.0.0.1",
      `http.port: ${node.httpPort}`,
      `transport.port: ${node.transportPort}`,
      `path.data: ${node.dataDir}`,
      `path.logs: ${node.logDir}`,
      ...security,
      // No vm.max_map_count tuning needed (we cannot sysctl on CI): use NIO instead of mmap.
      "node.store.allow_mmap: false",
      // CI disks may be nearly full; a read-only index there would fail tests for the wrong reason.
      "cluster.routing.allocation.disk.threshold_enabled: false",
      "action.destructive_requires_name: false",
      "",
    ].join("\n"),
  );
  mkdirSync(path.join(node.configDir, "jvm.options.d"), { recursive: true });
  writeFileSync(path.join(node.configDir, "jvm.options.d", "gapwatch.options"), "-Xms768m\n-Xmx768m\n");
}

/** The file-realm superuser of the secured node (elasticsearch-users writes into the node's config dir). */
function ensureFileRealmUser(layout: StackLayout, node: EsNode, jdk: Jdk, credentials: SecureCredentials): void {
  const tool = path.join(layout.esHome, "bin", "elasticsearch-users");
  const env = { ...process.env, ES_JAVA_HOME: jdk.home, ES_PATH_CONF: node.configDir };
  const { username, password } = credentials.elasticsearch;
  spawnSync(tool, ["userdel", username], { env, encoding: "utf8" });
  const add = spawnSync(tool, ["useradd", username, "-p", password, "-r", "superuser"], { env, encoding: "utf8" });
  if (add.status !== 0) throw new Error(`elasticsearch-users useradd failed: ${add.stderr || add.stdout}`);
}

export function esPid(node: EsNode): number | undefined {
  return readPid(node.pidFile);
}

export async function nodeHealthy(node: EsNode, auth?: SecureCredentials): Promise<boolean> {
  const headers: Record<string, string> = {};
  if (auth) {
    const { username, password } = auth.elasticsearch;
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  }
  // The secured node's certificate is checked by the tests; health only needs the HTTP status.
  const { Agent, fetch: undiciFetch } = await import("undici");
  const dispatcher = node.secure ? new Agent({ connect: { rejectUnauthorized: false } }) : undefined;
  const response = await undiciFetch(`${nodeUrl(node)}/_cluster/health?wait_for_status=yellow&timeout=1s`, {
    headers,
    signal: AbortSignal.timeout(3000),
    ...(dispatcher ? { dispatcher } : {}),
  });
  return response.ok;
}

export async function startNode(
  layout: StackLayout,
  node: EsNode,
  jdk: Jdk,
  progress: Progress,
  secure?: { files: SecureFiles; credentials: SecureCredentials },
): Promise<void> {
  writeConfig(layout, node, secure?.files);
  if (node.secure && secure) ensureFileRealmUser(layout, node, jdk, secure.credentials);
  for (const dir of [node.dataDir, node.logDir]) mkdirSync(dir, { recursive: true });
  const launcher = path.join(layout.esHome, "bin", "elasticsearch");
  const args = ["-p", node.pidFile];
  const env = { ...process.env, ES_JAVA_HOME: jdk.home, ES_JAVA_OPTS: "", ES_PATH_CONF: node.configDir };
  progress(`starting ${node.name} on ${nodeUrl(node)} (log: ${node.launcherLog})`);
  let launcherPid: number;
  if (runningAsRoot()) {
    const { uid, gid } = ensureUser();
    // ES writes its keystore into config/ and needs its data, log and pid locations.
    for (const dir of [layout.esHome, node.configDir, path.dirname(node.pidFile), node.dataDir, node.logDir]) {
      chownTree(dir, uid, gid);
    }
    launcherPid = spawnDetached("runuser", ["-u", esUser, "--", launcher, ...args], node.launcherLog, { env });
  } else {
    launcherPid = spawnDetached(launcher, args, node.launcherLog, { env });
  }
  // The launcher stays in the foreground as the server's parent, so its death means start-up failed.
  await waitUntil(() => nodeHealthy(node, secure?.credentials), {
    what: node.name,
    logFile: node.launcherLog,
    pid: () => launcherPid,
    timeoutMs: 150_000,
  });
}

export async function stopNode(node: EsNode): Promise<void> {
  // Both nodes share the binaries, so processes are told apart by their config directory.
  const pids = new Set(processesMentioning(node.configDir));
  const pid = esPid(node);
  if (pid !== undefined) pids.add(pid);
  await stopProcesses([...pids]);
  removeFile(node.pidFile);
}
