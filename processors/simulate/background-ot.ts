// Steady OT traffic as a passive sensor logs it: the SCADA server and HMIs poll every controller on a fixed
// period (Modbus holding registers, S7 Read Variable, DNP3 class 0 READ, CIP Read Data), PLCs poll their
// field I/O, operators write the odd setpoint, the historian replicates; long-lived polling connections are
// rotated every `sessionMinutes` and each closed one produces its conn.log record.
import type { TrafficConfig } from "./config.ts";
import type { Emitter } from "./emitter.ts";
import type { ZeekConnection } from "./formats/zeek.ts";
import {
  cipExchange,
  cipServices,
  connClosed,
  dnp3Exchange,
  modbusExchange,
  modbusRead,
  s7Exchange,
  s7Functions,
  tcpSummary,
} from "./ics.ts";
import type { IcsProtocol, PlantAsset } from "./plant.ts";

const ports: Record<IcsProtocol, number> = { modbus: 502, s7comm: 102, dnp3: 20000, enip: 44818 };
const services: Record<IcsProtocol, string> = { modbus: "modbus", s7comm: "s7comm", dnp3: "dnp3", enip: "enip" };
const pollerProcess: Record<string, string> = {
  scada_server: "C:\\Program Files\\Ignition\\ignition.exe",
  hmi: "C:\\Program Files (x86)\\Wonderware\\InTouch\\view.exe",
};

interface Poll {
  poller: PlantAsset;
  target: PlantAsset;
  protocol: IcsProtocol;
  periodMs: number;
}

/** One poll: what the sensor logs for a single request/response cycle. */
function pollOnce(e: Emitter, poll: Poll, time: number, c: ZeekConnection, n: number): void {
  switch (poll.protocol) {
    case "modbus":
      if (poll.target.role === "field_io") {
        modbusExchange(e, time, c, {
          tid: n % 65536,
          unit: 1,
          func: "READ_INPUT_REGISTERS",
          address: 0,
          quantity: 8,
          responseValues: [12, 0, 1, 4095, 377, 0, 0, 1],
        });
      } else {
        modbusRead(e, time, c, n, 1, 40 * (n % 3), 10);
      }
      return;
    case "s7comm":
      s7Exchange(e, time, c, s7Functions.read, n % 65536);
      return;
    case "dnp3":
      dnp3Exchange(e, time, c, "READ");
      return;
    case "enip":
      cipExchange(e, time, c, cipServices.read, n % 65536);
      return;
  }
}

function runPoll(e: Emitter, poll: Poll, start: number, end: number, sessionMs: number): void {
  const port = ports[poll.protocol];
  let sessionStart = start + e.random.int(0, poll.periodMs);
  let connection = e.connection(poll.poller, poll.target, port);
  let requests = 0;
  const openSession = (time: number) => {
    const processPath = pollerProcess[poll.poller.role];
    if (!poll.poller.edr || !processPath) return;
    const process = e.process(poll.poller, start - 3_600_000, processPath);
    e.edr({
      kind: "network",
      time,
      host: poll.poller,
      process,
      user: e.user(poll.poller),
      transport: "tcp",
      direction: "egress",
      sourceIp: poll.poller.ip,
      sourcePort: connection.orig.port,
      destinationIp: poll.target.ip,
      destinationPort: port,
    });
  };
  openSession(sessionStart);
  let n = e.random.int(0, 5000);
  for (let t = sessionStart; t < end; t += poll.periodMs) {
    if (t - sessionStart >= sessionMs) {
      connClosed(e, sessionStart, connection, tcpSummary(services[poll.protocol], t - sessionStart - 1, requests));
      connection = e.connection(poll.poller, poll.target, port);
      sessionStart = t;
      requests = 0;
      openSession(t);
    }
    pollOnce(e, poll, t + e.random.int(0, 40), connection, n++);
    requests++;
  }
}

function polls(e: Emitter, traffic: TrafficConfig): Poll[] {
  const out: Poll[] = [];
  const scada = e.plant.get("scada01");
  const period: Record<IcsProtocol, number> = {
    modbus: traffic.modbusPollSeconds * 1000,
    s7comm: traffic.s7PollSeconds * 1000,
    dnp3: traffic.dnp3PollSeconds * 1000,
    enip: traffic.enipPollSeconds * 1000,
  };
  const controllers = [...e.plant.byRole("plc"), ...e.plant.byRole("rtu")];
  for (const target of controllers) {
    const protocol = target.protocols[0]!;
    out.push({ poller: scada, target, protocol, periodMs: period[protocol] });
  }
  const hmis = e.plant.byRole("hmi");
  controllers
    .filter((c) => c.protocols[0] === "modbus" || c.protocols[0] === "enip")
    .forEach((target, i) => {
      out.push({
        poller: hmis[i % hmis.length]!,
        target,
        protocol: target.protocols[0]!,
        periodMs: traffic.hmiPollSeconds * 1000,
      });
    });
  const modbusPlcs = e.plant.byRole("plc").filter((p) => p.protocols[0] === "modbus");
  e.plant.byRole("field_io").forEach((io, i) => {
    out.push({
      poller: modbusPlcs[i % modbusPlcs.length]!,
      target: io,
      protocol: "modbus",
      periodMs: traffic.fieldPollSeconds * 1000,
    });
  });
  return out;
}

/** Operators change a setpoint from an HMI: one WRITE_SINGLE_REGISTER, allowed by conduit c-hmi-poll. */
function operatorWrites(e: Emitter, start: number, end: number, perHour: number): void {
  if (perHour <= 0) return;
  const hmis = e.plant.byRole("hmi");
  const plcs = e.plant.byRole("plc").filter((p) => p.protocols[0] === "modbus");
  for (
    let t = start + e.random.exponential(3_600_000 / perHour);
    t < end;
    t += e.random.exponential(3_600_000 / perHour)
  ) {
    const time = Math.floor(t);
    const c = e.connection(e.random.pick(hmis), e.random.pick(plcs), 502);
    modbusExchange(e, time, c, {
      tid: e.random.int(1, 60000),
      unit: 1,
      func: "WRITE_SINGLE_REGISTER",
      address: 100 + e.random.int(0, 9),
      quantity: 1,
      requestValues: [e.random.int(300, 700)],
    });
    connClosed(e, time - 20, c, tcpSummary("modbus", 120, 1));
  }
}

/** Historian collection and replication, and OT hosts authenticating to the OT domain controller. */
function supportFlows(e: Emitter, start: number, end: number, sessionMs: number): void {
  // Zeek has no PI analyzer: these conn records carry no service, only the port.
  const pairs: Array<[string, string, number, undefined]> = [
    ["scada01", "pi-l3", 5450, undefined],
    ["pi-l3", "pi-dmz", 5450, undefined],
  ];
  for (let t = start; t < end; t += sessionMs) {
    for (const [from, to, port, service] of pairs) {
      connClosed(
        e,
        t,
        e.connection(e.plant.get(from), e.plant.get(to), port),
        tcpSummary(service, sessionMs - 500, 600, 300, 40),
      );
    }
  }
  const dc = e.plant.get("ot-dc01");
  const clients = [e.plant.get("scada01"), ...e.plant.byRole("hmi"), ...e.plant.byRole("engineering_workstation")];
  for (let t = start + e.random.exponential(300_000); t < end; t += e.random.exponential(300_000)) {
    connClosed(
      e,
      Math.floor(t),
      e.connection(e.random.pick(clients), dc, 88),
      tcpSummary("krb_tcp", 40, 2, 1_400, 1_500),
    );
  }
}

export function otBackground(e: Emitter, start: number, end: number, traffic: TrafficConfig): void {
  const sessionMs = traffic.sessionMinutes * 60_000;
  for (const poll of polls(e, traffic)) runPoll(e, poll, start, end, sessionMs);
  operatorWrites(e, start, end, traffic.operatorWritesPerHour);
  supportFlows(e, start, end, sessionMs);
}
