// ICS protocol exchanges as the OT sensor logs them, shared by background polling and attack scenarios.
// Function names are the parsers' own constants (Zeek modbus consts.zeek, ICSNPP s7comm/enip consts.zeek).
import type { Emitter } from "./emitter.ts";
import {
  type ConnSummary,
  type ModbusTransaction,
  type ZeekConnection,
  zeekCip,
  zeekConn,
  zeekDnp3,
  zeekModbusDetailed,
  zeekS7comm,
} from "./formats/zeek.ts";

interface Tag {
  chain?: string;
}

export function modbusExchange(e: Emitter, time: number, c: ZeekConnection, t: ModbusTransaction, tag: Tag = {}): void {
  e.zeek("modbus_detailed", time, zeekModbusDetailed(time, c, t), tag);
}

/** A read of `quantity` holding registers with plausible process values. */
export function modbusRead(
  e: Emitter,
  time: number,
  c: ZeekConnection,
  tid: number,
  unit: number,
  address: number,
  quantity: number,
  tag: Tag = {},
): void {
  const values = Array.from({ length: quantity }, (_, i) => 200 + (((address + i) * 37 + (tid % 17)) % 900));
  modbusExchange(
    e,
    time,
    c,
    { tid: tid % 65536, unit, func: "READ_HOLDING_REGISTERS", address, quantity, responseValues: values },
    tag,
  );
}

export const s7Functions = {
  setup: ["0xf0", "Setup Communication"],
  read: ["0x04", "Read Variable"],
  write: ["0x05", "Write Variable"],
  stop: ["0x29", "PLC Stop"],
  requestDownload: ["0x1a", "Request Download"],
} as const;

/** Job-Request from the client, then ACK-Data from the PLC (ROSCTR 1 and 3). */
export function s7Exchange(
  e: Emitter,
  time: number,
  c: ZeekConnection,
  fn: readonly [string, string],
  pduReference: number,
  tag: Tag = {},
): void {
  const [functionCode, functionName] = fn;
  e.zeek(
    "s7comm",
    time,
    zeekS7comm(time, c, {
      isOrig: true,
      rosctrCode: 1,
      rosctrName: "Job-Request",
      pduReference,
      functionCode,
      functionName,
    }),
    tag,
  );
  const reply = time + 3;
  e.zeek(
    "s7comm",
    reply,
    zeekS7comm(reply, c, {
      isOrig: false,
      rosctrCode: 3,
      rosctrName: "ACK-Data",
      pduReference,
      functionCode,
      functionName,
      errorClass: "No error",
      errorCode: "0x00",
    }),
    tag,
  );
}

export function dnp3Exchange(e: Emitter, time: number, c: ZeekConnection, fcRequest: string, tag: Tag = {}): void {
  e.zeek(
    "dnp3",
    time + 12,
    zeekDnp3(time + 12, c, fcRequest, "RESPONSE", fcRequest === "COLD_RESTART" ? 32768 : 0),
    tag,
  );
}

export const cipServices = {
  read: ["0x4c", "Read Data"],
  write: ["0x4d", "Write Data"],
  stop: ["0x07", "Stop"],
} as const;

export function cipExchange(
  e: Emitter,
  time: number,
  c: ZeekConnection,
  service: readonly [string, string],
  sequence: number,
  tag: Tag = {},
): void {
  const [serviceCode, serviceName] = service;
  e.zeek(
    "cip",
    time,
    zeekCip(time, c, {
      isOrig: true,
      sequence,
      serviceCode,
      service: serviceName,
      classId: "0x6b",
      className: "unknown",
      instanceId: "0x01",
    }),
    tag,
  );
  const reply = time + 2;
  e.zeek(
    "cip",
    reply,
    zeekCip(reply, c, {
      isOrig: false,
      sequence,
      serviceCode,
      service: serviceName,
      statusCode: "0x00",
      status: "Success",
    }),
    tag,
  );
}

/** conn.log is written when the connection ends; its `ts` is still the first packet. */
export function connClosed(e: Emitter, start: number, c: ZeekConnection, summary: ConnSummary, tag: Tag = {}): void {
  e.zeek("conn", start, zeekConn(start, c, summary), { ...tag, emitAt: start + summary.durationMs });
}

/** A short TCP session summary with realistic counters for `requests` request/response pairs. */
export function tcpSummary(
  service: string | undefined,
  durationMs: number,
  requests: number,
  requestBytes = 12,
  responseBytes = 29,
): ConnSummary {
  const summary: ConnSummary = {
    proto: "tcp",
    durationMs,
    origBytes: requests * requestBytes,
    respBytes: requests * responseBytes,
    connState: "SF",
    history: "ShADadFf",
    origPkts: requests + 3,
    respPkts: requests + 2,
  };
  if (service) summary.service = service;
  return summary;
}
