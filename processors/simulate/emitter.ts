// The one place that turns activities into raw records: picks each host's EDR format, numbers records the
// way each source does, allocates ports and process ids, and tags attack records with their chain.
import { encodeCrowdstrikeFdr } from "./formats/crowdstrike-fdr.ts";
import type { EdrActivity, SimProcess, SimUser } from "./formats/edr-activity.ts";
import { encodeElasticDefend } from "./formats/elastic-defend.ts";
import { encodeMde } from "./formats/mde.ts";
import { encodeWinlogbeat } from "./formats/winlogbeat.ts";
import type { Endpoint, ZeekConnection } from "./formats/zeek.ts";
import type { PlantAsset, PlantIndex } from "./plant.ts";
import type { Random } from "./random.ts";
import { type SimRecord, simTopics } from "./record.ts";

export interface Emitter {
  plant: PlantIndex;
  random: Random;
  records: SimRecord[];
  edr(activity: EdrActivity, chain?: string): void;
  zeek(
    logPath: string,
    time: number,
    value: Record<string, unknown>,
    options?: { chain?: string; emitAt?: number },
  ): void;
  process(host: PlantAsset, time: number, executable: string, commandLine?: string): SimProcess;
  user(host: PlantAsset, name?: string, domain?: string): SimUser;
  ephemeralPort(): number;
  connection(orig: PlantAsset | string, resp: PlantAsset | string, port: number): ZeekConnection;
  logonId(): string;
}

const systemProcesses: Record<string, SimProcess> = {};

export function createEmitter(plant: PlantIndex, random: Random): Emitter {
  const records: SimRecord[] = [];
  const recordIds = new Map<string, number>();
  const nextRecordId = (hostId: string) => {
    const next = (recordIds.get(hostId) ?? 10_000 + ((hostId.length * 7919) % 50_000)) + 1;
    recordIds.set(hostId, next);
    return next;
  };
  const sids = new Map<string, string>();
  const emitter: Emitter = {
    plant,
    random,
    records,
    edr(activity, chain) {
      const host = activity.host;
      const format = host.edr?.format;
      if (!format) return;
      let value: Record<string, unknown> | undefined;
      let emitAt = activity.time;
      if (format === "elastic") value = encodeElasticDefend(activity);
      else if (format === "sysmon") value = encodeWinlogbeat(activity, nextRecordId(host.id));
      else if (format === "crowdstrike") {
        value = encodeCrowdstrikeFdr(activity);
        emitAt += 5_000 + random.int(0, 25_000); // FDR batches files every few seconds to minutes
      } else {
        const lag = 20_000 + random.int(0, 60_000);
        value = encodeMde(activity, nextRecordId(host.id), lag);
        emitAt += lag;
      }
      if (!value) return;
      const record: SimRecord = { time: activity.time, emitAt, topic: simTopics[format], key: host.edr?.id, value };
      if (chain) record.chain = chain;
      records.push(record);
    },
    zeek(logPath, time, value, options = {}) {
      const record: SimRecord = {
        time,
        emitAt: options.emitAt ?? time,
        topic: simTopics.zeek(logPath),
        key: String(value.uid ?? ""),
        value,
      };
      if (options.chain) record.chain = options.chain;
      records.push(record);
    },
    process(_host, time, executable, commandLine) {
      const name = executable.split("\\").pop() ?? executable;
      return {
        pid: random.int(1000, 30000),
        token: random.uuid(),
        name,
        executable,
        commandLine: commandLine ?? `"${executable}"`,
        startedAt: time,
      };
    },
    user(host, name, domain) {
      const userName = name ?? host.user ?? "SYSTEM";
      const userDomain = domain ?? (userName === "SYSTEM" ? "NT AUTHORITY" : host.domain.split(".")[0]!.toUpperCase());
      const key = `${userDomain}\\${userName}`;
      let sid = sids.get(key);
      if (!sid) {
        sid =
          userName === "SYSTEM"
            ? "S-1-5-18"
            : `S-1-5-21-${userDomain === "CORP" ? "3623811015-3361044348-30300820" : "1004336348-1177238915-682003330"}-${1100 + sids.size}`;
        sids.set(key, sid);
      }
      return { name: userName, domain: userDomain, sid };
    },
    ephemeralPort: () => random.int(49152, 65535),
    connection(orig, resp, port) {
      const origIp = typeof orig === "string" ? orig : orig.ip;
      const respIp = typeof resp === "string" ? resp : resp.ip;
      const o: Endpoint = { ip: origIp, port: emitter.ephemeralPort() };
      return { uid: random.zeekUid(), orig: o, resp: { ip: respIp, port } };
    },
    logonId: () => `0x${random.hex(6)}`,
  };
  return emitter;
}

/** Well-known parents so process trees look like Windows. */
export function systemProcess(name: "explorer" | "services" | "svchost" | "userinit"): SimProcess {
  const known: Record<string, [number, string]> = {
    explorer: [4312, "C:\\Windows\\explorer.exe"],
    services: [688, "C:\\Windows\\System32\\services.exe"],
    svchost: [1204, "C:\\Windows\\System32\\svchost.exe"],
    userinit: [3968, "C:\\Windows\\System32\\userinit.exe"],
  };
  const cached = systemProcesses[name];
  if (cached) return cached;
  const [pid, executable] = known[name]!;
  const process: SimProcess = {
    pid,
    token: `00000000-0000-4000-a000-${String(pid).padStart(12, "0")}`,
    name: executable.split("\\").pop()!,
    executable,
    commandLine: executable,
    startedAt: 0,
  };
  systemProcesses[name] = process;
  return process;
}
