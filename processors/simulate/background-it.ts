// Steady IT telemetry: every EDR host starts processes, opens connections and logs on at Poisson rates;
// FDR hosts report their interfaces; engineers make legitimate corp -> jump host -> HMI/EWS RDP sessions
// (the benign twin of the pivot chains, there to prove that allowed paths raise nothing).
import type { TrafficConfig } from "./config.ts";
import { type Emitter, systemProcess } from "./emitter.ts";
import { encodeFdrLocalAddress } from "./formats/crowdstrike-fdr.ts";
import { connClosed, tcpSummary } from "./ics.ts";
import type { PlantAsset } from "./plant.ts";
import { simTopics } from "./record.ts";

const workstationApps = [
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
  "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
  "C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE",
  "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
  "C:\\Users\\Public\\AppData\\Local\\Microsoft\\Teams\\current\\Teams.exe",
  "C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe",
  "C:\\Windows\\System32\\notepad.exe",
];
const serviceApps = [
  "C:\\Windows\\System32\\svchost.exe",
  "C:\\Windows\\System32\\backgroundTaskHost.exe",
  "C:\\Windows\\System32\\taskhostw.exe",
  "C:\\Program Files\\Windows Defender\\MpCmdRun.exe",
  "C:\\Windows\\System32\\wbem\\WmiPrvSE.exe",
];
const otHostApps: Record<string, string[]> = {
  hmi: ["C:\\Program Files (x86)\\Wonderware\\InTouch\\view.exe", "C:\\Windows\\System32\\svchost.exe"],
  engineering_workstation: [
    "C:\\Program Files (x86)\\Schneider Electric\\Control Expert 15.3\\ControlExpert.exe",
    "C:\\Program Files (x86)\\Siemens\\Automation\\Portal V18\\Bin\\Siemens.Automation.Portal.exe",
    "C:\\Windows\\System32\\svchost.exe",
  ],
  scada_server: ["C:\\Program Files\\Ignition\\ignition.exe", "C:\\Windows\\System32\\svchost.exe"],
  jump_host: ["C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\System32\\rdpclip.exe"],
};

function poisson(e: Emitter, start: number, end: number, perHour: number, each: (time: number) => void): void {
  if (perHour <= 0) return;
  const mean = 3_600_000 / perHour;
  for (let t = start + e.random.exponential(mean); t < end; t += e.random.exponential(mean)) each(Math.floor(t));
}

function hostActivity(e: Emitter, host: PlantAsset, start: number, end: number, traffic: TrafficConfig): void {
  const isWorkstation = host.role === "it_workstation";
  const apps = isWorkstation ? workstationApps : (otHostApps[host.role] ?? serviceApps);
  const rateScale = isWorkstation ? 1 : 0.3;
  const cloud = e.plant.plant.external.cloud;
  const dc = host.zone === "z-corp" ? e.plant.get("dc01") : e.plant.get("ot-dc01");
  poisson(e, start, end, traffic.processStartsPerHostPerHour * rateScale, (time) => {
    const interactive = isWorkstation && e.random.chance(0.7);
    const executable = e.random.pick(interactive ? apps : serviceApps);
    const parent = systemProcess(interactive ? "explorer" : "services");
    const user = interactive ? e.user(host) : e.user(host, "SYSTEM");
    e.edr({ kind: "process", time, host, process: e.process(host, time, executable), parent, user });
  });
  poisson(e, start, end, traffic.connectionsPerHostPerHour * rateScale, (time) => {
    const roll = e.random.next();
    const [destination, port, executable] =
      host.zone !== "z-corp"
        ? [dc.ip, e.random.pick([88, 389, 445]), "C:\\Windows\\System32\\lsass.exe"]
        : roll < 0.75
          ? [e.random.pick(cloud), 443, e.random.pick(workstationApps.slice(0, 3))]
          : roll < 0.9
            ? [dc.ip, e.random.pick([88, 389]), "C:\\Windows\\System32\\lsass.exe"]
            : [e.plant.get("fs01").ip, 445, "System"];
    const process = e.process(host, time - e.random.int(1000, 600_000), executable);
    e.edr({
      kind: "network",
      time,
      host,
      process,
      user: e.user(host),
      transport: "tcp",
      direction: "egress",
      sourceIp: host.ip,
      sourcePort: e.ephemeralPort(),
      destinationIp: destination,
      destinationPort: port,
    });
  });
  poisson(e, start, end, traffic.logonsPerHostPerHour, (time) => {
    e.edr({
      kind: "logon",
      time,
      host,
      user: e.user(host),
      logonType: isWorkstation ? 7 : 3,
      outcome: "success",
      logonId: e.logonId(),
      ...(isWorkstation ? {} : { sourceIp: dc.ip, sourcePort: 0 }),
    });
  });
}

/** Low-severity EDR detections on corporate hosts that never touch OT (adware, PUPs). */
function benignAlerts(e: Emitter, start: number, end: number, traffic: TrafficConfig): void {
  const hosts = e.plant.byRole("it_workstation").filter((h) => h.edr?.format === "elastic");
  if (hosts.length === 0) return;
  poisson(e, start, end, traffic.benignEdrAlertsPerHour, (time) => {
    const host = e.random.pick(hosts.slice(3));
    const process = e.process(host, time, "C:\\Users\\Public\\Downloads\\PDFConverterSetup.exe");
    e.edr({
      kind: "alert",
      time,
      host,
      ruleId: "7c7e8f3c-0c2a-4c36-9b49-2e5ad4b3a001",
      ruleName: "Potentially Unwanted Application Installer",
      severity: 21,
      tactic: { id: "TA0002", name: "Execution" },
      technique: { id: "T1204.002", name: "Malicious File" },
      process,
      user: e.user(host),
    });
  });
}

/** An engineer's allowed path into OT: workstation -> jump host (RDP) -> HMI or EWS (RDP). */
function engineerSession(e: Emitter, time: number, sessionMs: number): void {
  const engineers = e.plant.byRole("it_workstation").slice(0, 3);
  const workstation = e.random.pick(engineers);
  const jump = e.plant.get("jh01");
  const target = e.random.pick([...e.plant.byRole("hmi"), ...e.plant.byRole("engineering_workstation")]);
  const mstsc = e.process(
    workstation,
    time - 2_000,
    "C:\\Windows\\System32\\mstsc.exe",
    `"C:\\Windows\\System32\\mstsc.exe" /v:${jump.hostname}.ot.example`,
  );
  e.edr({
    kind: "process",
    time: time - 2_000,
    host: workstation,
    process: mstsc,
    parent: systemProcess("explorer"),
    user: e.user(workstation),
  });
  const first = e.connection(workstation, jump, 3389);
  e.edr({
    kind: "network",
    time,
    host: workstation,
    process: mstsc,
    user: e.user(workstation),
    transport: "tcp",
    direction: "egress",
    sourceIp: workstation.ip,
    sourcePort: first.orig.port,
    destinationIp: jump.ip,
    destinationPort: 3389,
  });
  e.edr({
    kind: "logon",
    time: time + 1_500,
    host: jump,
    user: e.user(jump, workstation.user, "CORP"),
    logonType: 10,
    sourceIp: workstation.ip,
    sourcePort: first.orig.port,
    sourceName: workstation.name,
    outcome: "success",
    logonId: e.logonId(),
  });
  connClosed(e, time, first, tcpSummary("rdp", sessionMs, 900, 180, 2_400));
  const hop = time + e.random.int(40_000, 120_000);
  const jumpMstsc = e.process(
    jump,
    hop - 1_000,
    "C:\\Windows\\System32\\mstsc.exe",
    `"C:\\Windows\\System32\\mstsc.exe" /v:${target.hostname}`,
  );
  const second = e.connection(jump, target, 3389);
  e.edr({
    kind: "network",
    time: hop,
    host: jump,
    process: jumpMstsc,
    user: e.user(jump, workstation.user, "CORP"),
    transport: "tcp",
    direction: "egress",
    sourceIp: jump.ip,
    sourcePort: second.orig.port,
    destinationIp: target.ip,
    destinationPort: 3389,
  });
  e.edr({
    kind: "logon",
    time: hop + 1_200,
    host: target,
    user: e.user(target, `${workstation.user}.adm`, "OT"),
    logonType: 10,
    sourceIp: jump.ip,
    sourcePort: second.orig.port,
    sourceName: jump.name,
    outcome: "success",
    logonId: e.logonId(),
  });
  connClosed(e, hop, second, tcpSummary("rdp", Math.max(30_000, sessionMs - (hop - time)), 600, 180, 2_400));
}

export function itBackground(e: Emitter, start: number, end: number, traffic: TrafficConfig): void {
  for (const host of e.plant.plant.assets) {
    if (!host.edr) continue;
    hostActivity(e, host, start, end, traffic);
    if (host.edr.format === "crowdstrike") {
      e.records.push({
        time: start,
        emitAt: start,
        topic: simTopics.crowdstrike,
        key: host.edr.id,
        value: encodeFdrLocalAddress(host, start),
      });
    }
  }
  benignAlerts(e, start, end, traffic);
  poisson(e, start, end - 60_000, traffic.engineerSessionsPerHour, (time) =>
    engineerSession(e, time, traffic.sessionMinutes * 60_000),
  );
  // Business users reading the DMZ historian replica over HTTPS (conduit c-corp-pi), seen by the OT sensor.
  const users = e.plant.byRole("it_workstation");
  const replica = e.plant.get("pi-dmz");
  poisson(e, start, end, 12, (time) => {
    connClosed(
      e,
      time,
      e.connection(e.random.pick(users), replica, 443),
      tcpSummary("ssl", e.random.int(2_000, 20_000), 30, 400, 6_000),
    );
  });
}
