// ICSNPP-S7comm: s7comm.log (job/ack-data functions, user-data groups with sub-functions, PLC Control PI
// services), s7comm_plus.log, s7comm_upload_download.log, cotp.log and the identification logs.

import type { Classified } from "../../ics/classify.ts";
import { classifyFunction, s7Functions, s7PiServices, s7PlusFunctions, s7UserData } from "../../ics/index.ts";
import { bool, int, str } from "../shared/values.ts";
import type { JsonObject } from "../types.ts";
import { type LogMapping, mapped, otBlock, targetOf } from "./mapping.ts";

function isRequestOf(r: JsonObject, functionName: string | undefined): boolean | undefined {
  const rosctr = str(r.rosctr_name) ?? str(r.rosctr);
  if (functionName?.startsWith("Request:")) return true;
  if (functionName?.startsWith("Response:")) return false;
  if (rosctr && /job/i.test(rosctr)) return true;
  if (rosctr && /ack/i.test(rosctr)) return false;
  return bool(r.is_orig);
}

export function mapS7comm(r: JsonObject): LogMapping {
  const functionName = str(r.function_name);
  const functionCode = str(r.function_code);
  const subCode = str(r.subfunction_code);
  const subName = str(r.subfunction_name);
  let fn: Classified;
  const userData = /user/i.test(str(r.rosctr_name) ?? "") || /^(Request|Response):/.test(functionName ?? "");
  if (userData) {
    const sub = classifyFunction(
      s7UserData,
      undefined,
      subName ?? functionName?.replace(/^(Request|Response):\s*/, ""),
    );
    fn = { ...sub, code: [functionCode, subCode].filter(Boolean).join("/") || undefined };
    if (fn.code === undefined) delete fn.code;
  } else {
    fn = classifyFunction(s7Functions, int(functionCode), functionName, functionCode);
    if (fn.name === "PLC_CONTROL" && (subCode || subName)) {
      const pi = classifyFunction(s7PiServices, undefined, subCode ?? subName);
      if (pi.action !== "other") fn = { ...fn, action: pi.action };
    }
  }
  const errorClass = str(r.error_class);
  const ok = errorClass === undefined ? undefined : /no error/i.test(errorClass);
  const ot = otBlock("s7comm", fn, {
    isRequest: isRequestOf(r, functionName),
    target: targetOf([["pi", subCode && !userData ? subCode : undefined]]),
    result: errorClass === undefined ? undefined : [errorClass, str(r.error_code)].filter(Boolean).join(" "),
  });
  const generation = r.is_orig !== undefined ? "icsnpp-s7comm/current" : "icsnpp-s7comm/legacy";
  return mapped(generation, "s7comm", ot, ok === undefined ? undefined : ok ? "success" : "failure");
}

export function mapS7commPlus(r: JsonObject): LogMapping {
  const code = str(r.function_code);
  const fn = classifyFunction(s7PlusFunctions, int(code), str(r.function_name), code);
  const opcode = str(r.opcode_name);
  const ot = otBlock("s7comm_plus", fn, {
    isRequest: opcode ? /request/i.test(opcode) : bool(r.is_orig),
    value: opcode && !str(r.function_name) ? opcode : undefined,
  });
  const generation = r.is_orig !== undefined ? "icsnpp-s7comm_plus/current" : "icsnpp-s7comm_plus/legacy";
  return mapped(generation, "s7comm_plus", ot);
}

/** S7 function codes are written in hex by ICSNPP (`0x1d`); keep that form when the code comes from the table. */
function hexCode(code: string | undefined): string | undefined {
  return code === undefined || code.startsWith("0x") ? code : `0x${Number(code).toString(16).padStart(2, "0")}`;
}

export function mapS7UploadDownload(r: JsonObject): LogMapping {
  const fn = classifyFunction(s7Functions, undefined, str(r.function_name));
  fn.code = hexCode(fn.code);
  if (fn.code === undefined) delete fn.code;
  const ot = otBlock("s7comm", fn, {
    isRequest: isRequestOf(r, undefined),
    target:
      str(r.filename) ??
      targetOf([
        ["block_type", str(r.block_type)],
        ["block", str(r.block_number)],
      ]),
    result: str(r.function_status),
  });
  return mapped("icsnpp-s7comm_upload_download", "s7comm", ot);
}

export function mapCotp(r: JsonObject): LogMapping {
  const name = str(r.pdu_name);
  const ot = otBlock(
    "s7comm",
    { action: "other", code: str(r.pdu_code), name: name?.toUpperCase().replace(/[^A-Z0-9]+/g, "_") },
    {
      isRequest: bool(r.is_orig),
    },
  );
  if (ot.function?.code === undefined) delete ot.function?.code;
  return mapped("icsnpp-cotp", "cotp", ot);
}

export function mapS7Identification(r: JsonObject, path: string): LogMapping {
  const ot = otBlock(
    "s7comm",
    { action: "discovery", name: path === "s7comm_read_szl" ? "READ_SZL" : "KNOWN_DEVICE" },
    {
      isRequest: bool(r.is_orig),
      target: str(r.szl_id) ?? str(r.module_name),
      value:
        [str(r.automation_system_name), str(r.module_name), str(r.module_serial)].filter(Boolean).join(" ") ||
        undefined,
    },
  );
  return mapped(`icsnpp-${path}`, "s7comm", ot);
}
