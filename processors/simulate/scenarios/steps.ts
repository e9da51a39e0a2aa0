// Steps several chains share: an RDP hop seen from both ends and by the sensor, an ICS session from a
// chosen process, an EDR process launch. Every record is tagged with the chain id.
import type { Emitter } from "../emitter.ts";
import type { SimProcess, SimUser } from "../formats/edr-activity.ts";
import type { ZeekConnection } from "../formats/zeek.ts";
import { connClosed, tcpSummary } from "../ics.ts";
import type { PlantAsset } from "../plant.ts";

/** Process `executable` started on `host` by `parent` at `time`. */
export function launch(
  e: Emitter,
  chain: string,
  host: PlantAsset,
  time: number,
  parent: SimProcess,
  executable: string,
  commandLine: string,
  user: SimUser,
): SimProcess {
  const process = e.process(host, time, executable, commandLine);
  e.edr({ kind: "process", time, host, process, parent, user, integrity: "High" }, chain);
  return process;
}

export interface RdpHop {
  connection: ZeekConnection;
  arrivedAt: number;
}

/**
 * `from` (an asset or a bare IP) opens RDP to `to`: mstsc's connection on the source EDR, the sensor's conn
 * record (written when the session ends), and a 4624 logon type 10 on the target naming the source.
 */
export function rdpHop(
  e: Emitter,
  chain: string,
  from: PlantAsset | { ip: string; name: string },
  to: PlantAsset,
  time: number,
  user: SimUser,
  sessionMs: number,
): RdpHop {
  const connection = e.connection(from.ip, to, 3389);
  if ("edr" in from && from.edr) {
    const mstsc = launch(
      e,
      chain,
      from,
      time - 1_500,
      {
        pid: 4312,
        token: "explorer",
        name: "explorer.exe",
        executable: "C:\\Windows\\explorer.exe",
        commandLine: "C:\\Windows\\explorer.exe",
        startedAt: 0,
      },
      "C:\\Windows\\System32\\mstsc.exe",
      `"C:\\Windows\\System32\\mstsc.exe" /v:${to.ip}`,
      user,
    );
    e.edr(
      {
        kind: "network",
        time,
        host: from,
        process: mstsc,
        user,
        transport: "tcp",
        direction: "egress",
        sourceIp: from.ip,
        sourcePort: connection.orig.port,
        destinationIp: to.ip,
        destinationPort: 3389,
      },
      chain,
    );
  }
  const arrivedAt = time + 1_800;
  e.edr(
    {
      kind: "logon",
      time: arrivedAt,
      host: to,
      user,
      logonType: 10,
      sourceIp: from.ip,
      sourcePort: connection.orig.port,
      sourceName: from.name,
      outcome: "success",
      logonId: e.logonId(),
    },
    chain,
  );
  connClosed(e, time, connection, tcpSummary("rdp", sessionMs, 700, 180, 2_400), { chain });
  return { connection, arrivedAt };
}

/** The EDR's view of `process` on `host` connecting to an ICS port (the NSM's view is the caller's job). */
export function icsConnect(
  e: Emitter,
  chain: string,
  host: PlantAsset,
  process: SimProcess,
  user: SimUser,
  target: PlantAsset,
  port: number,
  time: number,
): ZeekConnection {
  const connection = e.connection(host, target, port);
  e.edr(
    {
      kind: "network",
      time,
      host,
      process,
      user,
      transport: "tcp",
      direction: "egress",
      sourceIp: host.ip,
      sourcePort: connection.orig.port,
      destinationIp: target.ip,
      destinationPort: port,
    },
    chain,
  );
  return connection;
}

export function entitiesOf(assets: Array<PlantAsset | { ip: string; name: string }>, users: string[]) {
  return {
    ips: [...new Set(assets.map((a) => a.ip))],
    hosts: [...new Set(assets.map((a) => ("hostname" in a ? a.hostname : a.name.toLowerCase())))],
    users,
  };
}
