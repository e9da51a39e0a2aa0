// Which Zeek log a record belongs to. Transports disagree: Zeek TSV has `#path`, Corelight/Security Onion JSON
// has `_path`, the json-streaming style (OTRF) has `@stream`, the zeek-kafka plugin may wrap the record as
// `{"<path>": {...}}`, and plain `LogAscii::use_json` output has none (the file or topic name knows it). When
// nothing names it, the log is inferred from the fields only that log has (research: data-formats.md §E2.3).
import { memoize } from "../shared/memo.ts";
import type { JsonObject } from "../types.ts";

/** Normalised log path: `opcua-binary-write` and `opcua_binary_write` are one log. */
export const normalisePath: (path: string) => string = memoize((path: string) =>
  path
    .replace(/\.(?:log|json|ndjson)(?:\.gz)?$/i, "")
    .replace(/^.*[\\/]/, "")
    .replace(/[-.]/g, "_")
    .toLowerCase(),
);

const KNOWN_PATHS =
  /^(?:conn|modbus|modbus_detailed|modbus_mask_write_register|modbus_read_write_multiple_registers|modbus_read_device_identification|dnp3|dnp3_control|dnp3_objects|s7comm|s7comm_plus|s7comm_upload_download|s7comm_read_szl|s7comm_known_devices|cotp|cip|cip_multi|cip_io|cip_identity|enip|bacnet|bacnet_property|bacnet_discovery|bacnet_device_control|opcua_binary(?:_[a-z_]+)?)$/;

/**
 * A hint (file name, topic) is used only when it names, exactly, a log gapwatch knows: `modbus_detailed.log`,
 * a rotated `modbus_detailed.00:00:00-01:00:00.log.gz`, or a topic ending in `.modbus_detailed`.
 */
export function pathFromHint(hint: string | undefined): string | undefined {
  return hint ? hintPath(hint) : undefined;
}

const hintPath = memoize((hint: string): string | undefined => {
  const base = hint.replace(/^.*[\\/]/, "");
  const stem = base
    .slice(0, base.indexOf(".") < 0 ? base.length : base.indexOf("."))
    .replace(/-/g, "_")
    .toLowerCase();
  if (KNOWN_PATHS.test(stem)) return stem;
  const last = base
    .slice(base.lastIndexOf(".") + 1)
    .replace(/-/g, "_")
    .toLowerCase();
  return KNOWN_PATHS.test(last) ? last : undefined;
});

const has = (r: JsonObject, key: string) => r[key] !== undefined;

export function inferPath(r: JsonObject): string | undefined {
  if (has(r, "request_values") || has(r, "response_values") || (has(r, "modbus_detailed_link_id") && has(r, "matched")))
    return "modbus_detailed";
  if (has(r, "and_mask") || has(r, "or_mask")) return "modbus_mask_write_register";
  if (has(r, "write_start_address") || has(r, "read_registers")) return "modbus_read_write_multiple_registers";
  if (has(r, "func") && (has(r, "network_direction") || has(r, "request_response") || has(r, "values")))
    return "modbus_detailed";
  if (has(r, "func")) return "modbus";
  if (has(r, "fc_request") || has(r, "fc_reply")) return "dnp3";
  if (has(r, "trip_control_code") || has(r, "operation_type")) return "dnp3_control";
  if (has(r, "object_count") || has(r, "range_low")) return "dnp3_objects";
  if (has(r, "rosctr_name") || has(r, "rosctr_code") || has(r, "rosctr")) {
    return has(r, "function_status") || has(r, "blocklength") ? "s7comm_upload_download" : "s7comm";
  }
  if (has(r, "opcode_name") || has(r, "opcode")) return "s7comm_plus";
  if (has(r, "pdu_code") && has(r, "pdu_name")) return "cotp";
  if (has(r, "cip_service") || has(r, "cip_service_code")) return "cip";
  if (has(r, "enip_command") || has(r, "enip_command_code")) return "enip";
  if (has(r, "io_data") || (has(r, "connection_id") && has(r, "sequence_number"))) return "cip_io";
  if (has(r, "device_type_name") || (has(r, "product_name") && has(r, "vendor_name"))) return "cip_identity";
  if (has(r, "bvlc_function") || (has(r, "pdu_type") && has(r, "pdu_service"))) return "bacnet";
  if (has(r, "device_state") || has(r, "time_duration")) return "bacnet_device_control";
  if (has(r, "pdu_service") && has(r, "property")) return "bacnet_property";
  if (has(r, "pdu_service")) return "bacnet_discovery";
  if (has(r, "msg_type") && (has(r, "is_final") || has(r, "identifier_str"))) return "opcua_binary";
  if (has(r, "ext_obj_policy_id") || has(r, "ext_obj_user_name") || has(r, "ext_obj_type_id_str"))
    return "opcua_binary_activate_session";
  if (has(r, "opcua_link_id") && has(r, "node_id_namespace_idx") && has(r, "attribute_id")) return "opcua_binary_write";
  if (has(r, "opcua_link_id")) return "opcua_binary_detail";
  if (has(r, "conn_state") || has(r, "history") || has(r, "orig_bytes") || (has(r, "proto") && has(r, "duration")))
    return "conn";
  return undefined;
}
