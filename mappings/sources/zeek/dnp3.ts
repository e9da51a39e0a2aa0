// Zeek built-in dnp3.log (one line per request/reply pair, `fc_request fc_reply iin`) and ICSNPP-DNP3
// dnp3_control.log (CROB / pattern control blocks; current releases add is_orig/source_h/clear_bit and write
// `Pulse On`, older ones `Pulse_On`) and dnp3_objects.log.
import { classifyFunction, dnp3Functions } from "../../ics/index.ts";
import { bool, int, str } from "../shared/values.ts";
import type { JsonObject } from "../types.ts";
import { type LogMapping, mapped, otBlock, targetOf } from "./mapping.ts";

function classifyDnp3(value: unknown) {
  const code = int(value);
  return classifyFunction(dnp3Functions, code, code === undefined ? str(value) : undefined);
}

export function mapDnp3(r: JsonObject): LogMapping {
  const request = str(r.fc_request);
  const fn = classifyDnp3(request ?? r.fc_reply);
  const iin = str(r.iin);
  const ot = otBlock("dnp3", fn, {
    isRequest: request !== undefined,
    result: iin === undefined ? undefined : `iin=${iin}`,
  });
  return mapped("zeek-dnp3", "dnp3", ot);
}

export function mapDnp3Control(r: JsonObject): LogMapping {
  const fn = classifyDnp3(r.function_code);
  const operation = str(r.operation_type);
  const trip = str(r.trip_control_code);
  const status = str(r.status_code);
  const isOrig = bool(r.is_orig);
  const ot = otBlock("dnp3", fn, {
    isRequest: isOrig ?? fn.name !== "RESPONSE",
    target: targetOf([
      ["block", str(r.block_type)],
      ["index", str(r.index_number)],
    ]),
    value: [fn.name, operation, trip].filter(Boolean).join(":") || undefined,
    result: status,
  });
  const generation = r.is_orig !== undefined ? "icsnpp-dnp3_control/current" : "icsnpp-dnp3_control/legacy";
  const outcome = status === undefined ? undefined : /^success$/i.test(status) ? "success" : "failure";
  return mapped(generation, "dnp3", ot, outcome);
}

export function mapDnp3Objects(r: JsonObject): LogMapping {
  const fn = classifyDnp3(r.function_code);
  const ot = otBlock("dnp3", fn, {
    isRequest: bool(r.is_orig) ?? (fn.name !== "RESPONSE" && fn.name !== "UNSOLICITED_RESPONSE"),
    target: targetOf([
      ["object", str(r.object_type)],
      ["count", str(r.object_count)],
      ["range", str(r.range_low) === undefined ? undefined : `${str(r.range_low)}-${str(r.range_high) ?? ""}`],
    ]),
  });
  return mapped("icsnpp-dnp3_objects", "dnp3", ot);
}
