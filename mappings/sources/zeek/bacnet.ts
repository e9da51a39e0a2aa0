// ICSNPP-BACnet: bacnet.log (APDU header: pdu_type + pdu_service, `write_property` spelling),
// bacnet_property.log (`write-property`, `read-property-request`), bacnet_discovery.log (who-is/i-am) and
// bacnet_device_control.log (reinitialize / device-communication-control, whose `password` column is in
// clear: it is redacted from event.original and never copied into ot.value).
import { bacnetServices, classifyFunction } from "../../ics/index.ts";
import { bool, str } from "../shared/values.ts";
import type { JsonObject } from "../types.ts";
import { type LogMapping, mapped, otBlock, targetOf } from "./mapping.ts";

function isRequestOf(r: JsonObject, service: string | undefined): boolean | undefined {
  const pduType = str(r.pdu_type);
  if (pduType) return /REQUEST/i.test(pduType);
  if (service && /-(request)$/i.test(service)) return true;
  if (service && /-(ack|response)$/i.test(service)) return false;
  return bool(r.is_orig);
}

const FAILED_PDU = /ERROR|REJECT|ABORT/i;

export function mapBacnet(r: JsonObject): LogMapping {
  const service = str(r.pdu_service);
  const fn = classifyFunction(bacnetServices, undefined, service);
  const pduType = str(r.pdu_type);
  const resultCode = str(r.result_code);
  const failed = pduType !== undefined && FAILED_PDU.test(pduType);
  const ot = otBlock("bacnet", fn, {
    isRequest: isRequestOf(r, service),
    target: targetOf([["invoke_id", str(r.invoke_id)]]),
    result: resultCode ?? (failed ? pduType : undefined),
  });
  const outcome = failed ? "failure" : pduType && /ACK/i.test(pduType) ? "success" : undefined;
  return mapped(r.is_orig !== undefined ? "icsnpp-bacnet/current" : "icsnpp-bacnet/legacy", "bacnet", ot, outcome);
}

export function mapBacnetProperty(r: JsonObject): LogMapping {
  const service = str(r.pdu_service);
  const fn = classifyFunction(bacnetServices, undefined, service);
  const object = str(r.object_type);
  const instance = str(r.instance_number);
  const property = str(r.property);
  const index = str(r.array_index);
  const target =
    object || property
      ? `${object ?? "?"}:${instance ?? "?"}${property ? `/${property}` : ""}${index ? `[${index}]` : ""}`
      : undefined;
  const ot = otBlock("bacnet", fn, { isRequest: isRequestOf(r, service), target, value: str(r.value) });
  return mapped(
    r.is_orig !== undefined ? "icsnpp-bacnet_property/current" : "icsnpp-bacnet_property/legacy",
    "bacnet",
    ot,
  );
}

export function mapBacnetDiscovery(r: JsonObject): LogMapping {
  const service = str(r.pdu_service);
  const fn = classifyFunction(bacnetServices, undefined, service);
  const ot = otBlock(
    "bacnet",
    { ...fn, action: fn.action === "other" ? "discovery" : fn.action },
    {
      isRequest: bool(r.is_orig),
      target: targetOf([
        ["object", str(r.object_type)],
        ["instance", str(r.instance_number) ?? str(r.device_id_number)],
        ["range", str(r.range)],
      ]),
      value: [str(r.vendor), str(r.object_name)].filter(Boolean).join(" ") || undefined,
    },
  );
  return mapped(
    r.is_orig !== undefined ? "icsnpp-bacnet_discovery/current" : "icsnpp-bacnet_discovery/legacy",
    "bacnet",
    ot,
  );
}

export function mapBacnetDeviceControl(r: JsonObject): LogMapping {
  const service = str(r.pdu_service);
  const fn = classifyFunction(bacnetServices, undefined, service);
  const state = str(r.device_state);
  const result = str(r.result) ?? str(r.result_code);
  const ot = otBlock("bacnet", fn, {
    isRequest: bool(r.is_orig),
    target: targetOf([
      ["invoke_id", str(r.invoke_id)],
      ["duration", str(r.time_duration)],
    ]),
    value: state,
    result,
  });
  const outcome = result === undefined ? undefined : /success/i.test(result) ? "success" : "failure";
  return mapped("icsnpp-bacnet_device_control", "bacnet", ot, outcome);
}
