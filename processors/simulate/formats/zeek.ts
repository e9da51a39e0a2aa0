// Zeek and CISA ICSNPP log records as Zeek's JSON writer emits them (LogAscii::use_json=T): flat dotted keys
// ("id.orig_h"), `ts` in epoch seconds, unset fields left out, T/F as booleans, vectors as arrays. Column sets
// follow the current parsers' baselines: conn (base/protocols/conn), modbus_detailed (ICSNPP G3b), dnp3 (Zeek
// base), dnp3_control, s7comm and cip (ICSNPP with is_orig/source_h). Each log goes to its own topic.
import { createHash } from "node:crypto";
import { zeekTs } from "../record.ts";

export interface Endpoint {
  ip: string;
  port: number;
}

export interface ZeekConnection {
  uid: string;
  orig: Endpoint;
  resp: Endpoint;
}

function idBlock(c: ZeekConnection) {
  return { "id.orig_h": c.orig.ip, "id.orig_p": c.orig.port, "id.resp_h": c.resp.ip, "id.resp_p": c.resp.port };
}

function ipBytes(ip: string): number[] {
  return ip.split(".").map(Number);
}

/** Community ID v1 (corelight/community-id-spec), seed 0: lets EDR and NSM records of one flow join. */
export function communityId(orig: Endpoint, resp: Endpoint, proto: "tcp" | "udp"): string {
  const protoNumber = proto === "tcp" ? 6 : 17;
  const [src, dst] = compareEndpoints(orig, resp) <= 0 ? [orig, resp] : [resp, orig];
  const bytes = [
    0,
    0,
    ...ipBytes(src.ip),
    ...ipBytes(dst.ip),
    protoNumber,
    0,
    src.port >> 8,
    src.port & 255,
    dst.port >> 8,
    dst.port & 255,
  ];
  return `1:${createHash("sha1").update(Buffer.from(bytes)).digest("base64")}`;
}

function compareEndpoints(a: Endpoint, b: Endpoint): number {
  const ia = ipBytes(a.ip);
  const ib = ipBytes(b.ip);
  for (let i = 0; i < 4; i++) if (ia[i] !== ib[i]) return ia[i]! - ib[i]!;
  return a.port - b.port;
}

export interface ConnSummary {
  proto: "tcp" | "udp";
  service?: string;
  durationMs: number;
  origBytes: number;
  respBytes: number;
  connState: string;
  history: string;
  origPkts: number;
  respPkts: number;
}

export function zeekConn(time: number, c: ZeekConnection, s: ConnSummary): Record<string, unknown> {
  const record: Record<string, unknown> = {
    ts: zeekTs(time, c.orig.port),
    uid: c.uid,
    ...idBlock(c),
    proto: s.proto,
    duration: Number((s.durationMs / 1000).toFixed(6)),
    orig_bytes: s.origBytes,
    resp_bytes: s.respBytes,
    conn_state: s.connState,
    local_orig: true,
    local_resp: true,
    missed_bytes: 0,
    history: s.history,
    orig_pkts: s.origPkts,
    orig_ip_bytes: s.origBytes + s.origPkts * 40,
    resp_pkts: s.respPkts,
    resp_ip_bytes: s.respBytes + s.respPkts * 40,
    community_id: communityId(c.orig, c.resp, s.proto),
  };
  if (s.service) record.service = s.service;
  return record;
}

export interface ModbusTransaction {
  tid: number;
  unit: number;
  func: string;
  address?: number;
  quantity?: number;
  requestValues?: number[];
  responseValues?: number[];
  exceptionCode?: string;
}

/** One matched request/response pair per record (ICSNPP modbus_detailed G3). */
export function zeekModbusDetailed(time: number, c: ZeekConnection, t: ModbusTransaction): Record<string, unknown> {
  const record: Record<string, unknown> = {
    ts: zeekTs(time, t.tid),
    uid: c.uid,
    ...idBlock(c),
    tid: t.tid,
    unit: t.unit,
    func: t.func,
    matched: true,
  };
  if (t.address !== undefined) record.address = t.address;
  if (t.quantity !== undefined) record.quantity = t.quantity;
  if (t.requestValues) record.request_values = t.requestValues;
  if (t.responseValues) record.response_values = t.responseValues;
  if (t.exceptionCode) record.exception_code = t.exceptionCode;
  return record;
}

/** Zeek's built-in dnp3.log: one line per request/reply pair. */
export function zeekDnp3(
  time: number,
  c: ZeekConnection,
  fcRequest: string | undefined,
  fcReply: string,
  iin = 0,
): Record<string, unknown> {
  const record: Record<string, unknown> = { ts: zeekTs(time, 7), uid: c.uid, ...idBlock(c), fc_reply: fcReply, iin };
  if (fcRequest) record.fc_request = fcRequest;
  return record;
}

function directionBlock(c: ZeekConnection, isOrig: boolean) {
  const [src, dst] = isOrig ? [c.orig, c.resp] : [c.resp, c.orig];
  return { is_orig: isOrig, source_h: src.ip, source_p: src.port, destination_h: dst.ip, destination_p: dst.port };
}

export interface S7Pdu {
  isOrig: boolean;
  rosctrCode: number;
  rosctrName: string;
  pduReference: number;
  functionCode: string;
  functionName: string;
  subfunctionCode?: string;
  subfunctionName?: string;
  errorClass?: string;
  errorCode?: string;
}

/** ICSNPP s7comm.log: one record per PDU (Job-Request, then ACK-Data from the PLC). */
export function zeekS7comm(time: number, c: ZeekConnection, p: S7Pdu): Record<string, unknown> {
  const record: Record<string, unknown> = {
    ts: zeekTs(time, p.pduReference),
    uid: c.uid,
    ...idBlock(c),
    ...directionBlock(c, p.isOrig),
    rosctr_code: p.rosctrCode,
    rosctr_name: p.rosctrName,
    pdu_reference: p.pduReference,
    function_code: p.functionCode,
    function_name: p.functionName,
  };
  if (p.subfunctionCode) record.subfunction_code = p.subfunctionCode;
  if (p.subfunctionName) record.subfunction_name = p.subfunctionName;
  if (p.errorClass) record.error_class = p.errorClass;
  if (p.errorCode) record.error_code = p.errorCode;
  return record;
}

export interface CipMessage {
  isOrig: boolean;
  sequence: number;
  serviceCode: string;
  service: string;
  statusCode?: string;
  status?: string;
  classId?: string;
  className?: string;
  instanceId?: string;
  attributeId?: string;
}

/** ICSNPP cip.log: requests and responses, each with its direction. */
export function zeekCip(time: number, c: ZeekConnection, m: CipMessage): Record<string, unknown> {
  const record: Record<string, unknown> = {
    ts: zeekTs(time, m.sequence),
    uid: c.uid,
    ...idBlock(c),
    ...directionBlock(c, m.isOrig),
    cip_sequence_count: m.sequence,
    direction: m.isOrig ? "request" : "response",
    cip_service_code: m.serviceCode,
    cip_service: m.service,
  };
  if (m.statusCode) record.cip_status_code = m.statusCode;
  if (m.status) record.cip_status = m.status;
  if (m.classId) record.class_id = m.classId;
  if (m.className) record.class_name = m.className;
  if (m.instanceId) record.instance_id = m.instanceId;
  if (m.attributeId) record.attribute_id = m.attributeId;
  return record;
}
