// Column layouts for Zeek TSV files that arrive WITHOUT a `#fields` header (ICSNPP BTest baselines strip
// it from several logs; some collectors drop comment lines). Used only when the file has no `#fields`: the
// layout is chosen by log path AND column count, and recorded in provenance (`layout`), so a mismatch is a
// dead letter, never a silent mis-read. Sources: the ICSNPP READMEs and scripts (cisagov/icsnpp-enip
// scripts/main.zeek, icsnpp-modbus, icsnpp-opcua-binary scripts/*-types.zeek) and, for the paired OPC UA
// layout, the column order of the 2024 baselines (names for the response half are gapwatch's: `res_*`).
const ID = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p"];
const DIR = ["is_orig", "source_h", "source_p", "destination_h", "destination_p"];

const LAYOUTS: Record<string, { name: string; fields: string[] }[]> = {
  modbus: [
    { name: "zeek-modbus/legacy", fields: [...ID, "func", "exception"] },
    { name: "zeek-modbus/current", fields: [...ID, "tid", "unit", "func", "pdu_type", "exception"] },
  ],
  dnp3: [{ name: "zeek-dnp3", fields: [...ID, "fc_request", "fc_reply", "iin"] }],
  enip: [
    {
      name: "icsnpp-enip/current",
      fields: [
        ...ID,
        ...DIR,
        "enip_command_code",
        "enip_command",
        "length",
        "session_handle",
        "enip_status",
        "sender_context",
        "options",
      ],
    },
  ],
  cip: [
    {
      name: "icsnpp-cip/current",
      fields: [
        ...ID,
        ...DIR,
        "cip_sequence_count",
        "direction",
        "cip_service_code",
        "cip_service",
        "cip_status_code",
        "cip_status",
        "cip_extended_status_code",
        "cip_extended_status",
        "class_id",
        "class_name",
        "instance_id",
        "attribute_id",
      ],
    },
  ],
  cip_io: [
    {
      name: "icsnpp-cip_io/current",
      fields: [...ID, ...DIR, "connection_id", "sequence_number", "data_length", "io_data"],
    },
  ],
  cip_identity: [
    {
      name: "icsnpp-cip_identity/current",
      fields: [
        ...ID,
        ...DIR,
        "encapsulation_version",
        "socket_address",
        "socket_port",
        "vendor_id",
        "vendor_name",
        "device_type_id",
        "device_type_name",
        "product_code",
        "revision",
        "device_status",
        "serial_number",
        "product_name",
        "device_state",
      ],
    },
  ],
  opcua_binary: [
    {
      name: "icsnpp-opcua_binary/paired",
      fields: [
        ...ID,
        "msg_type",
        "is_final",
        "msg_size",
        "error",
        "reason",
        "version",
        "rcv_buf_size",
        "snd_buf_size",
        "max_msg_size",
        "max_chunk_cnt",
        "endpoint_url",
        "sec_channel_id",
        "sec_policy_uri_len",
        "sec_policy_uri",
        "snd_cert_len",
        "snd_cert",
        "rcv_cert_len",
        "rcv_cert",
        "seq_number",
        "req_msg_size",
        "request_id",
        "encoding_mask",
        "namespace_idx",
        "identifier",
        "identifier_str",
        "req_hdr_node_id_type",
        "req_hdr_node_id_namespace_idx",
        "req_hdr_node_id_numeric",
        "req_hdr_node_id_string",
        "req_hdr_node_id_guid",
        "req_hdr_node_id_opaque",
        "req_hdr_timestamp",
        "req_hdr_request_handle",
        "req_hdr_return_diag",
        "req_hdr_audit_entry_id",
        "req_hdr_timeout_hint",
        "req_hdr_add_hdr_type_id",
        "req_hdr_add_hdr_enc_mask",
        "res_msg_size",
        "res_request_id",
        "res_encoding_mask",
        "res_namespace_idx",
        "res_identifier",
        "res_identifier_str",
        "res_hdr_timestamp",
        "res_hdr_request_handle",
        "res_hdr_service_result",
        "res_hdr_service_diag_encoding",
        "res_hdr_add_hdr_type_id",
      ],
    },
  ],
  opcua_binary_activate_session: [
    {
      name: "icsnpp-opcua_binary_activate_session/current",
      fields: [
        ...ID,
        ...DIR,
        "client_algorithm",
        "client_signature",
        "ext_obj_type_id_encoding_mask",
        "ext_obj_type_id_namespace_idx",
        "ext_obj_type_id_numeric",
        "ext_obj_type_id_string",
        "ext_obj_type_id_guid",
        "ext_obj_type_id_opaque",
        "ext_obj_type_id_str",
        "ext_obj_encoding",
        "ext_obj_policy_id",
        "ext_obj_user_name",
        "ext_obj_password",
        "ext_obj_encryption_algorithom",
        "ext_obj_certificate_data",
        "ext_obj_token_data",
        "user_token_algorithm",
        "user_token_signature",
        "server_nonce",
      ],
    },
  ],
  opcua_binary_write: [
    {
      name: "icsnpp-opcua_binary_write/current",
      fields: [
        ...ID,
        ...DIR,
        "node_id_encoding_mask",
        "node_id_namespace_idx",
        "node_id_numeric",
        "node_id_string",
        "node_id_guid",
        "node_id_opaque",
        "attribute_id",
        "attribute_id_str",
        "index_range",
        "data_value_encoding_mask",
        "col_22",
        "col_23",
        "col_24",
        "col_25",
      ],
    },
  ],
};

/** Side logs whose columns past the common prefix are not documented: the prefix is named, the rest kept as `col_<n>`. */
const PREFIX_ONLY = /^(?:opcua_binary_\w+|s7comm_\w+|bacnet_\w+|dnp3_\w+)$/;

export function layoutFor(path: string, columns: number): { name: string; fields: string[] } | undefined {
  const key = path.replace(/[-.]/g, "_").toLowerCase();
  const exact = (Object.hasOwn(LAYOUTS, key) ? LAYOUTS[key] : undefined)?.find((l) => l.fields.length === columns);
  if (exact) return exact;
  if (PREFIX_ONLY.test(key) && columns >= ID.length + DIR.length) {
    const fields = [...ID, ...DIR];
    for (let i = fields.length; i < columns; i++) fields.push(`col_${i + 1}`);
    return { name: `${key}/prefix-only`, fields };
  }
  return undefined;
}
