// Suricata EVE JSON: `flow` (initiator is src), `alert` (src/dest follow the matching packet, which may be
// the reply), the ICS app-layer records `modbus`, `dnp3` (application function code is a NUMBER; the
// link-layer `control.function_code` is something else), `enip` (Suricata 8), and any other event type with a
// 5-tuple as a generic network event. Alerts that carry an app-layer object also get the `ot` block.

import {
  type Classified,
  classifyFunction,
  dnp3Functions,
  enipCommands,
  modbusDiagnosticSubfunctions,
  modbusFunctions,
} from "../ics/index.ts";
import type { CanonicalEvent } from "../schema/canonical-event.ts";
import { newEvent } from "./shared/event.ts";
import { fromIso } from "./shared/time.ts";
import { at2, int, ip, isObject, list, mac, port, str, uniq } from "./shared/values.ts";
import { fail, type JsonObject, type NormaliseContext, type NormaliseResult } from "./types.ts";
import { classifyCip } from "./zeek/enip.ts";
import { type Ot, otBlock, targetOf } from "./zeek/mapping.ts";

const IMPACT = [
  "firmware",
  "program_download",
  "mode_change",
  "restart",
  "write",
  "control",
  "config",
  "program_upload",
  "auth",
  "read",
  "discovery",
  "diagnostic",
  "other",
];

function modbusOt(m: JsonObject): Ot | undefined {
  const pdu = isObject(m.request) ? m.request : isObject(m.response) ? m.response : undefined;
  if (!pdu) return undefined;
  const raw = int(pdu.function_raw);
  const base = raw !== undefined && raw >= 0x80 ? raw - 0x80 : raw;
  let fn = classifyFunction(modbusFunctions, base, base === undefined ? str(pdu.function_code) : undefined);
  if (base === 8 && isObject(pdu.diagnostic)) {
    // Diagnostics sub-function 1 restarts communications, 4 forces listen-only (spec §6.8.1).
    const sub = classifyFunction(modbusDiagnosticSubfunctions, int(pdu.diagnostic.raw), undefined);
    if (sub.action !== "other") fn = { ...fn, action: sub.action };
  }
  const section = [pdu.write, pdu.read, pdu.diagnostic, pdu.mei].find(isObject);
  const exception = isObject(pdu.exception) ? (str(pdu.exception.code) ?? str(pdu.exception.raw)) : undefined;
  return otBlock("modbus", fn, {
    isRequest: isObject(m.request),
    unitId: int(pdu.unit_id),
    target: section
      ? targetOf([
          ["address", str(section.address)],
          ["quantity", str(section.quantity)],
          ["subfunction", str(section.code)],
        ])
      : undefined,
    value: section
      ? (list(section.data)?.join(",") ??
        targetOf([
          ["and_mask", str(section.and_mask)],
          ["or_mask", str(section.or_mask)],
        ]))
      : undefined,
    result: exception,
  });
}

function dnp3Ot(d: JsonObject): Ot | undefined {
  // Suricata >= 7 logs one message per record with `type`; older alerts nest `request`/`response`.
  const msg =
    typeof d.type === "string" ? d : isObject(d.request) ? d.request : isObject(d.response) ? d.response : undefined;
  if (!msg) return undefined;
  const app = isObject(msg.application) ? msg.application : {};
  const code = int(app.function_code);
  const fn = classifyFunction(dnp3Functions, code, undefined);
  const objects = Array.isArray(app.objects) ? app.objects.filter(isObject) : [];
  const first = objects[0];
  const isRequest = msg.type === "request" || msg === d.request;
  return otBlock("dnp3", fn, {
    isRequest,
    unitId: int(isRequest ? msg.dst : msg.src),
    target: first
      ? targetOf([
          ["group", str(first.group)],
          ["variation", str(first.variation)],
          ["start", str(first.start)],
          ["stop", str(first.stop)],
        ])
      : undefined,
    result: isObject(msg.iin) ? list(msg.iin.indicators)?.join(",") : undefined,
  });
}

function enipOt(e: JsonObject): Ot | undefined {
  const pdu = isObject(e.request) ? e.request : isObject(e.response) ? e.response : undefined;
  if (!pdu) return undefined;
  const cip = isObject(pdu.cip) ? pdu.cip : undefined;
  let fn: Classified;
  let target: string | undefined;
  if (cip) {
    const services = [cip, ...(Array.isArray(cip.multiple) ? cip.multiple.filter(isObject) : [])].filter((s) =>
      str(s.service),
    );
    const classified = services.map((s) => ({ s, fn: classifyCip(cipCode(str(s.service)), str(s.service)) }));
    classified.sort((a, b) => IMPACT.indexOf(a.fn.action) - IMPACT.indexOf(b.fn.action));
    const top = classified[0];
    fn = top?.fn ?? { action: "other" };
    const pathSegments = top && Array.isArray(top.s.path) ? top.s.path.filter(isObject) : [];
    target = targetOf([
      ["class", str(top?.s.class_name)],
      ...pathSegments.map((p) => [str(p.segment_type) ?? "segment", str(p.value)] as [string, string | undefined]),
    ]);
  } else {
    fn = classifyFunction(enipCommands, undefined, str(pdu.command));
  }
  return otBlock("enip_cip", fn, {
    isRequest: isObject(e.request),
    target,
    result: str(cip?.status) ?? str(pdu.status),
  });
}

/** Suricata writes unknown services as `unknown-<n>`. */
function cipCode(service: string | undefined): string | undefined {
  const n = service?.match(/^unknown-(\d+)$/)?.[1];
  return n === undefined ? undefined : `0x${Number(n).toString(16).padStart(2, "0")}`;
}

function appOt(r: JsonObject): { ot?: Ot; protocol?: string } {
  if (isObject(r.modbus)) return { ot: modbusOt(r.modbus), protocol: "modbus" };
  if (isObject(r.dnp3)) return { ot: dnp3Ot(r.dnp3), protocol: "dnp3" };
  if (isObject(r.enip)) return { ot: enipOt(r.enip), protocol: "enip" };
  return {};
}

export function normaliseSuricata(r: JsonObject, context: NormaliseContext): NormaliseResult {
  const type = str(r.event_type);
  if (!type) return fail("missing_field", "EVE record has no event_type", "event_type");
  if (type === "stats")
    return fail("unsupported_record", "EVE stats records describe the sensor, not traffic", "event_type");
  const time = fromIso(r.timestamp, "timestamp");
  if (!time.ok) return time;
  const { ot, protocol } = appOt(r);
  const isAlert = type === "alert" && isObject(r.alert);
  const sensor = str(r.host);
  const event = newEvent(context, {
    timestamp: time.value,
    format: "suricata",
    schema: `suricata-eve:${type}${type === "dnp3" && isObject(r.dnp3) && typeof r.dnp3.type !== "string" ? "/request-response" : ""}`,
    dataset: `suricata.${type}`,
    kind: isAlert ? "alert" : "event",
    category: isAlert ? ["intrusion_detection", "network"] : ["network"],
    type: isAlert ? ["info"] : type === "flow" ? ["connection"] : ["protocol"],
    observer: sensor
      ? { type: "ot-sensor", vendor: "OISF", product: "Suricata", name: sensor }
      : { type: "ot-sensor", vendor: "OISF", product: "Suricata" },
  });
  const source: NonNullable<CanonicalEvent["source"]> = {};
  const destination: NonNullable<CanonicalEvent["destination"]> = {};
  const srcIp = ip(r.src_ip);
  const dstIp = ip(r.dest_ip);
  const srcPort = port(r.src_port);
  const dstPort = port(r.dest_port);
  if (srcIp) source.ip = srcIp;
  if (srcPort !== undefined) source.port = srcPort;
  if (dstIp) destination.ip = dstIp;
  if (dstPort !== undefined) destination.port = dstPort;
  const srcMac = mac(at2(r, "ether", "src_mac")) ?? mac(list(at2(r, "ether", "src_macs"))?.[0]);
  const dstMac = mac(at2(r, "ether", "dest_mac")) ?? mac(list(at2(r, "ether", "dest_macs"))?.[0]);
  if (srcMac) source.mac = srcMac;
  if (dstMac) destination.mac = dstMac;
  if (srcIp || srcPort !== undefined || srcMac) event.source = source;
  if (dstIp || dstPort !== undefined || dstMac) event.destination = destination;
  const network: NonNullable<CanonicalEvent["network"]> = {};
  const proto = str(r.proto);
  if (proto) network.transport = proto.toLowerCase();
  const app = str(r.app_proto) ?? protocol;
  if (app && app !== "failed") network.protocol = app.toLowerCase();
  const community = str(r.community_id);
  if (community) network.community_id = community;
  if (network.transport || network.protocol || network.community_id) event.network = network;
  if (ot) {
    event.ot = ot;
    if (ot.function?.name && !isAlert) event.event.action = ot.function.name.toLowerCase();
  }
  if (isAlert) {
    const alert = r.alert as JsonObject;
    const sid = str(alert.signature_id);
    const signature = str(alert.signature);
    event.rule =
      sid && signature ? { id: sid, name: signature } : sid ? { id: sid } : signature ? { name: signature } : {};
    event.event.action = str(alert.action) ?? "alert";
    const severity = int(alert.severity);
    if (severity !== undefined) event.event.severity = severity;
    const techniques = list(at2(alert, "metadata", "mitre_technique_id"));
    const tactics = list(at2(alert, "metadata", "mitre_tactic_name"));
    if (techniques || tactics) {
      event.threat = { framework: "MITRE ATT&CK" };
      if (techniques)
        event.threat.technique = {
          id: techniques,
          ...(list(at2(alert, "metadata", "mitre_technique_name"))
            ? { name: list(at2(alert, "metadata", "mitre_technique_name"))! }
            : {}),
        };
      if (tactics) event.threat.tactic = { name: tactics };
    }
  }
  if (type === "flow" && isObject(r.flow)) {
    const state = str(r.flow.state);
    if (state) event.event.action = `flow_${state}`;
  }
  const related = uniq(srcIp, dstIp);
  if (related) event.related = { ip: related };
  const flowId = str(r.flow_id);
  if (flowId) event.labels = { suricata_flow_id: flowId };
  return { ok: true, events: [event] };
}
