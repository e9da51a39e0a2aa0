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

// Direct property reads rather than a `has(r, key)` helper: this chain runs for every record whose log is not
// named, and the helper's keyed lookups were a visible share of the Zeek path.
export function inferPath(r: JsonObject): string | undefined {
  if (
    r.request_values !== undefined ||
    r.response_values !== undefined ||
    (r.modbus_detailed_link_id !== undefined && r.matched !== undefined)
  )
    return "modbus_detailed";
  if (r.and_mask !== undefined || r.or_mask !== undefined) return "modbus_mask_write_register";
  if (r.write_start_address !== undefined || r.read_registers !== undefined)
    return "modbus_read_write_multiple_registers";
  if (
    r.func !== undefined &&
    (r.network_direction !== undefined || r.request_response !== undefined || r.values !== undefined)
  )
    return "modbus_detailed";
  if (r.func !== undefined) return "modbus";
  if (r.fc_request !== undefined || r.fc_reply !== undefined) return "dnp3";
  if (r.trip_control_code !== undefined || r.operation_type !== undefined) return "dnp3_control";
  if (r.object_count !== undefined || r.range_low !== undefined) return "dnp3_objects";
  if (r.rosctr_name !== undefined || r.rosctr_code !== undefined || r.rosctr !== undefined) {
    return r.function_status !== undefined || r.blocklength !== undefined ? "s7comm_upload_download" : "s7comm";
  }
  if (r.opcode_name !== undefined || r.opcode !== undefined) return "s7comm_plus";
  if (r.pdu_code !== undefined && r.pdu_name !== undefined) return "cotp";
  if (r.cip_service !== undefined || r.cip_service_code !== undefined) return "cip";
  if (r.enip_command !== undefined || r.enip_command_code !== undefined) return "enip";
  if (r.io_data !== undefined || (r.connection_id !== undefined && r.sequence_number !== undefined)) return "cip_io";
  if (r.device_type_name !== undefined || (r.product_name !== undefined && r.vendor_name !== undefined))
    return "cip_identity";
  if (r.bvlc_function !== undefined || (r.pdu_type !== undefined && r.pdu_service !== undefined)) return "bacnet";
  if (r.device_state !== undefined || r.time_duration !== undefined) return "bacnet_device_control";
  if (r.pdu_service !== undefined && r.property !== undefined) return "bacnet_property";
  if (r.pdu_service !== undefined) return "bacnet_discovery";
  if (r.msg_type !== undefined && (r.is_final !== undefined || r.identifier_str !== undefined)) return "opcua_binary";
  if (r.ext_obj_policy_id !== undefined || r.ext_obj_user_name !== undefined || r.ext_obj_type_id_str !== undefined)
    return "opcua_binary_activate_session";
  if (r.opcua_link_id !== undefined && r.node_id_namespace_idx !== undefined && r.attribute_id !== undefined)
    return "opcua_binary_write";
  if (r.opcua_link_id !== undefined) return "opcua_binary_detail";
  if (
    r.conn_state !== undefined ||
    r.history !== undefined ||
    r.orig_bytes !== undefined ||
    (r.proto !== undefined && r.duration !== undefined)
  )
    return "conn";
  return undefined;
}
