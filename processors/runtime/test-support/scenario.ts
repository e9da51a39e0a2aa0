// A small hand-made pivot scenario in the real input formats, for the runtime's tests: per pivot, an
// Elastic Defend malware alert on an IT host (host.ip) and, minutes later, an ICSNPP modbus_detailed write
// from that IP to a PLC; background Modbus reads from an HMI in between. Each pivot yields exactly one
// incident of the test rule (rules/), so the expected incident count is the pivot count.

export interface ScenarioRecord {
  /** Which raw topic the record belongs on. */
  stream: "edr" | "zeek";
  /** Event time in ms (for ordering and straddling tests). */
  time: number;
  value: string;
}

export interface ScenarioOptions {
  pivots: number;
  backgroundPerPivot?: number;
  start?: number;
  /** Minutes between a pivot's alert and its write. */
  gapMinutes?: number;
  /** Writes per pivot, a minute apart (the match rule's incident count grows with them). */
  writesPerPivot?: number;
}

const PLC = { ip: "10.60.0.11", port: 502 };
const HMI = "10.50.0.11";

export function hostIp(i: number): string {
  return `10.10.${Math.floor(i / 200) + 20}.${(i % 200) + 10}`;
}

function zeekTs(ms: number): number {
  return ms / 1000;
}

export function edrAlert(time: number, i: number): string {
  const name = `ws-${String(i).padStart(4, "0")}`;
  return JSON.stringify({
    "@timestamp": new Date(time).toISOString(),
    agent: { id: `agent-${i}`, type: "endpoint", version: "8.19.2" },
    data_stream: { dataset: "endpoint.alerts", namespace: "default", type: "logs" },
    ecs: { version: "8.11.0" },
    event: {
      action: "execution",
      category: ["malware", "intrusion_detection"],
      code: "malicious_file",
      dataset: "endpoint.alerts",
      id: `alert-${i}`,
      kind: "alert",
      module: "endpoint",
      type: ["info", "denied"],
      severity: 73,
      risk_score: 73,
    },
    host: {
      hostname: name,
      name,
      id: `host-${i}`,
      ip: [hostIp(i), "127.0.0.1"],
      os: { family: "windows", name: "Windows" },
    },
    process: {
      pid: 4242,
      name: "invoice.exe",
      executable: "C:\\Users\\alice\\Downloads\\invoice.exe",
      entity_id: `ent-${i}`,
    },
    rule: { id: "endpoint-malware", name: "Malicious Behavior Detection Alert" },
    message: "Malware Prevention Alert",
  });
}

export function modbus(time: number, src: string, func: string, tid: number): string {
  return JSON.stringify({
    ts: zeekTs(time),
    uid: `C${tid.toString(36)}x${src.replaceAll(".", "")}`,
    "id.orig_h": src,
    "id.orig_p": 49_152 + (tid % 10_000),
    "id.resp_h": PLC.ip,
    "id.resp_p": PLC.port,
    tid,
    unit: 1,
    func,
    address: 40_001,
    quantity: 1,
    matched: true,
    ...(func.startsWith("WRITE") ? { request_values: "1" } : { response_values: "17" }),
  });
}

/** Records in event-time order. */
export function pivotScenario(options: ScenarioOptions): ScenarioRecord[] {
  const start = options.start ?? Date.parse("2026-03-02T08:00:00Z");
  const gap = (options.gapMinutes ?? 5) * 60_000;
  const background = options.backgroundPerPivot ?? 3;
  const out: ScenarioRecord[] = [];
  let tid = 1;
  for (let i = 0; i < options.pivots; i += 1) {
    const t = start + i * 60_000;
    out.push({ stream: "edr", time: t, value: edrAlert(t, i) });
    for (let b = 0; b < background; b += 1) {
      const tb = t + ((b + 1) * gap) / (background + 1);
      out.push({ stream: "zeek", time: tb, value: modbus(tb, HMI, "READ_HOLDING_REGISTERS", tid++) });
    }
    for (let w = 0; w < (options.writesPerPivot ?? 1); w += 1) {
      const tw = t + gap + w * 60_000;
      out.push({ stream: "zeek", time: tw, value: modbus(tw, hostIp(i), "WRITE_SINGLE_REGISTER", tid++) });
    }
  }
  return out.sort((a, b) => a.time - b.time);
}
