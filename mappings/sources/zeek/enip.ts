// ICSNPP-ENIP: cip.log (one line per CIP service, Multiple Service Packets expanded), enip.log
// (encapsulation commands), cip_io.log (implicit I/O), cip_identity.log (List Identity replies). The 2022
// layout has no is_orig/source_h and a single `cip_status`; current releases add both and status codes.

import type { Classified } from "../../ics/classify.ts";
import { cipObjectSpecific, cipServices, classifyFunction, enipCommands } from "../../ics/index.ts";
import { bool, int, str } from "../shared/values.ts";
import type { JsonObject } from "../types.ts";
import { type LogMapping, mapped, otBlock, targetOf } from "./mapping.ts";

export function classifyCip(codeText: string | undefined, name: string | undefined): Classified {
  let code = int(codeText);
  if (code !== undefined && code >= 0x80) code -= 0x80; // reply service code = request | 0x80
  if (code !== undefined && code >= 0x4b) {
    // Object-specific range: the name decides (0x4E is Read-Modify-Write on a tag, Forward Close on the CM).
    const specific = classifyFunction(cipObjectSpecific, undefined, name, codeText);
    return specific.action !== "other" || !name ? specific : classifyFunction(cipServices, undefined, name, codeText);
  }
  const common = classifyFunction(cipServices, code, name, codeText);
  return common.action === "other" && name ? classifyFunction(cipObjectSpecific, undefined, name, codeText) : common;
}

function outcomeOf(status: string | undefined): LogMapping["outcome"] {
  if (status === undefined) return undefined;
  return /^success$/i.test(status) || status === "0x00" ? "success" : "failure";
}

export function mapCip(r: JsonObject): LogMapping {
  const fn = classifyCip(str(r.cip_service_code), str(r.cip_service));
  const direction = str(r.direction);
  const status = str(r.cip_status) ?? str(r.cip_status_code);
  const ot = otBlock("enip_cip", fn, {
    isRequest: direction ? direction === "request" : bool(r.is_orig),
    target: targetOf([
      ["class", str(r.class_name) ?? str(r.class_id)],
      ["instance", str(r.instance_id)],
      ["attribute", str(r.attribute_id)],
    ]),
    result: status,
  });
  const generation = r.is_orig !== undefined ? "icsnpp-cip/current" : "icsnpp-cip/legacy";
  return mapped(generation, "cip", ot, direction === "request" ? undefined : outcomeOf(status));
}

export function mapEnip(r: JsonObject): LogMapping {
  const code = str(r.enip_command_code);
  const fn = classifyFunction(enipCommands, int(code), str(r.enip_command), code);
  const status = str(r.enip_status);
  const ot = otBlock("enip_cip", fn, {
    isRequest: bool(r.is_orig),
    target: targetOf([["session", str(r.session_handle)]]),
    result: status,
  });
  const generation = r.is_orig !== undefined ? "icsnpp-enip/current" : "icsnpp-enip/legacy";
  return mapped(generation, "enip", ot, outcomeOf(status));
}

export function mapCipIo(r: JsonObject): LogMapping {
  const ot = otBlock(
    "enip_cip",
    { action: "other", name: "IO_DATA" },
    {
      isRequest: bool(r.is_orig),
      target: targetOf([
        ["connection", str(r.connection_id)],
        ["sequence", str(r.sequence_number)],
      ]),
      value: str(r.io_data),
    },
  );
  return mapped(r.is_orig !== undefined ? "icsnpp-cip_io/current" : "icsnpp-cip_io/legacy", "cip", ot);
}

export function mapCipIdentity(r: JsonObject): LogMapping {
  const ot = otBlock(
    "enip_cip",
    { action: "discovery", name: "LIST_IDENTITY" },
    {
      isRequest: bool(r.is_orig) ?? false,
      target: targetOf([
        ["address", str(r.socket_address)],
        ["serial", str(r.serial_number)],
      ]),
      value: [str(r.vendor_name), str(r.product_name), str(r.revision)].filter(Boolean).join(" ") || undefined,
      result: str(r.device_state),
    },
  );
  return mapped(r.is_orig !== undefined ? "icsnpp-cip_identity/current" : "icsnpp-cip_identity/legacy", "enip", ot);
}
