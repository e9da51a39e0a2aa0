// Zeek built-in modbus.log (two generations: `func exception`, then `tid unit func pdu_type exception`) and
// ICSNPP-Modbus: modbus_detailed.log in every known layout (research §A1.4: G1 unit_id/network_direction,
// G2 is_orig/request_response/values, G3a request_values/response_values/subfunction_code/misc, G3b
// request/response_subfunction_code + request/response_data + error_code + mei_type, G3c the same with
// exception_code as the 2024 baseline writes it), mask_write_register and read_write_multiple_registers.
import { classifyFunction, modbusDiagnosticSubfunctions, modbusFunctions } from "../../ics/index.ts";
import { bool, int, str } from "../shared/values.ts";
import type { JsonObject } from "../types.ts";
import { type LogMapping, mapped, otBlock, targetOf } from "./mapping.ts";

function classifyModbus(func: unknown) {
  const raw = str(func);
  const code = int(func);
  // Exception responses carry code|0x80 on the wire and `<NAME>_EXCEPTION` in Zeek.
  const base = code !== undefined && code >= 0x80 ? code - 0x80 : code;
  const name = raw?.endsWith("_EXCEPTION") ? raw.slice(0, -10) : raw;
  return classifyFunction(modbusFunctions, base, code === undefined ? name : undefined);
}

function directionOf(r: JsonObject): boolean | undefined {
  const word = str(r.pdu_type) ?? str(r.request_response) ?? str(r.network_direction);
  if (word) return startsWithReq(word);
  return bool(r.is_orig);
}

/** `/^req/i.test(word)` by character codes (`| 32` folds exactly the ASCII capitals, as the pattern does). */
function startsWithReq(word: string): boolean {
  return (word.charCodeAt(0) | 32) === 114 && (word.charCodeAt(1) | 32) === 101 && (word.charCodeAt(2) | 32) === 113;
}

export function mapModbus(r: JsonObject): LogMapping {
  const fn = classifyModbus(r.func);
  const exception = str(r.exception) ?? (str(r.func)?.endsWith("_EXCEPTION") ? "EXCEPTION" : undefined);
  const generation = r.pdu_type !== undefined || r.tid !== undefined ? "zeek-modbus/current" : "zeek-modbus/legacy";
  const ot = otBlock("modbus", fn, { isRequest: directionOf(r), unitId: int(r.unit), result: exception });
  return mapped(generation, "modbus", ot, exception ? "failure" : undefined);
}

function detailedGeneration(r: JsonObject): string {
  if (
    r.request_subfunction_code !== undefined ||
    r.request_data !== undefined ||
    r.mei_type !== undefined ||
    r.error_code !== undefined ||
    r.exception_code !== undefined
  ) {
    return r.exception_code !== undefined ? "icsnpp-modbus_detailed/G3c" : "icsnpp-modbus_detailed/G3b";
  }
  if (r.request_values !== undefined || r.matched !== undefined) return "icsnpp-modbus_detailed/G3a";
  if (r.network_direction !== undefined || r.unit_id !== undefined) return "icsnpp-modbus_detailed/G1";
  return "icsnpp-modbus_detailed/G2";
}

export function mapModbusDetailed(r: JsonObject): LogMapping {
  const generation = detailedGeneration(r);
  let fn = classifyModbus(r.func);
  const sub = str(r.request_subfunction_code) ?? str(r.subfunction_code);
  if (fn.name === "DIAGNOSTICS" && sub) {
    const subFn = classifyFunction(modbusDiagnosticSubfunctions, int(sub), int(sub) === undefined ? sub : undefined);
    if (subFn.action !== "other") fn = { ...fn, action: subFn.action };
  }
  const exception =
    str(r.exception_code) ?? str(r.error_code) ?? (str(r.func)?.endsWith("_EXCEPTION") ? "EXCEPTION" : undefined);
  const matched = bool(r.matched);
  const paired = generation.includes("/G3");
  const ot = otBlock("modbus", fn, {
    // G3 logs one matched request/response pair per line: it describes the request.
    isRequest: paired ? (matched === true ? true : undefined) : directionOf(r),
    unitId: int(r.unit) ?? int(r.unit_id),
    target: targetOf([
      ["address", str(r.address)],
      ["quantity", str(r.quantity)],
      ["subfunction", sub],
      ["mei", str(r.mei_type)],
    ]),
    value: str(r.request_values) ?? str(r.values) ?? str(r.response_values),
    result: exception,
  });
  const outcome = exception ? "failure" : matched === true ? "success" : undefined;
  return mapped(generation, "modbus", ot, outcome);
}

export function mapModbusMaskWrite(r: JsonObject): LogMapping {
  const fn = classifyModbus(r.func ?? "MASK_WRITE_REGISTER");
  const ot = otBlock("modbus", fn, {
    isRequest: directionOf(r),
    unitId: int(r.unit),
    target: targetOf([["address", str(r.address)]]),
    value: targetOf([
      ["and_mask", str(r.and_mask)],
      ["or_mask", str(r.or_mask)],
    ]),
  });
  return mapped("icsnpp-modbus_mask_write_register", "modbus", ot);
}

export function mapModbusReadWriteMultiple(r: JsonObject): LogMapping {
  const fn = classifyModbus(r.func ?? "READ_WRITE_MULTIPLE_REGISTERS");
  const ot = otBlock("modbus", fn, {
    isRequest: directionOf(r),
    unitId: int(r.unit),
    target: targetOf([
      ["write_address", str(r.write_start_address)],
      ["read_address", str(r.read_start_address)],
      ["read_quantity", str(r.read_quantity)],
    ]),
    value: str(r.write_registers) ?? str(r.read_registers),
  });
  return mapped("icsnpp-modbus_read_write_multiple_registers", "modbus", ot);
}

export function mapModbusDeviceIdentification(r: JsonObject): LogMapping {
  const fn = classifyFunction(modbusFunctions, 43, undefined);
  const ot = otBlock(
    "modbus",
    { ...fn, action: "discovery" },
    {
      isRequest: directionOf(r),
      unitId: int(r.unit),
      value: str(r.object_value) ?? str(r.vendor_name),
    },
  );
  return mapped("icsnpp-modbus_read_device_identification", "modbus", ot);
}
