// The site model's closed vocabularies: zone kinds, asset roles and service apps. Shared by the file schema
// (schema.ts) and the protocol matching (conduit/functions.ts).
import { z } from "zod";

export const ZoneKind = z.enum([
  "process",
  "safety",
  "supervisory",
  "operations",
  "dmz",
  "enterprise",
  "external",
  "remote_access",
  "vendor",
  "wireless",
  "transient",
  "unknown",
]);

export const AssetRole = z.enum([
  "plc",
  "rtu",
  "ied",
  "sis",
  "dcs_controller",
  "pac",
  "field_io",
  "hmi",
  "scada_server",
  "engineering_workstation",
  "historian",
  "opc_server",
  "data_gateway",
  "jump_host",
  "remote_access_gw",
  "vpn",
  "firewall",
  "router",
  "switch",
  "domain_controller",
  "patch_server",
  "av_server",
  "file_transfer",
  "it_workstation",
  "it_server",
  "vendor_laptop",
  "transient_cyber_asset",
  "other",
]);
/** `ews` is accepted as shorthand and stored as `engineering_workstation`. */
export const AssetRoleInput = z
  .enum([...AssetRole.options, "ews"])
  .transform((r): z.infer<typeof AssetRole> => (r === "ews" ? "engineering_workstation" : r));

export const ServiceApp = z.enum([
  "modbus",
  "s7comm",
  "s7comm_plus",
  "dnp3",
  "iec104",
  "iec61850_mms",
  "goose",
  "enip_cip",
  "opcua",
  "opcda",
  "bacnet",
  "profinet",
  "tristation",
  "umas",
  "omron_fins",
  "codesys",
  "pcom",
  "rdp",
  "ssh",
  "vnc",
  "teamviewer",
  "https",
  "http",
  "smb",
  "rpc",
  "sql",
  "pi",
  "ntp",
  "dns",
  "syslog",
  "winrm",
  "other",
]);
export type ServiceApp = z.infer<typeof ServiceApp>;
