// Zeek log path -> mapper. Exact paths first; then protocol prefixes so a new ICSNPP side log still becomes
// an OT event (action `other`) instead of a dead letter.
import type { OtProtocol } from "../../schema/canonical-event.ts";
import { bool } from "../shared/values.ts";
import type { JsonObject } from "../types.ts";
import { mapBacnet, mapBacnetDeviceControl, mapBacnetDiscovery, mapBacnetProperty } from "./bacnet.ts";
import { mapConn, mapGeneric } from "./conn.ts";
import { mapDnp3, mapDnp3Control, mapDnp3Objects } from "./dnp3.ts";
import { mapCip, mapCipIdentity, mapCipIo, mapEnip } from "./enip.ts";
import { type LogMapping, mapped, otBlock } from "./mapping.ts";
import {
  mapModbus,
  mapModbusDetailed,
  mapModbusDeviceIdentification,
  mapModbusMaskWrite,
  mapModbusReadWriteMultiple,
} from "./modbus.ts";
import { mapOpcua, mapOpcuaSideLog } from "./opcua.ts";
import { mapCotp, mapS7comm, mapS7commPlus, mapS7Identification, mapS7UploadDownload } from "./s7comm.ts";

type PathMapper = (r: JsonObject, path: string) => LogMapping;

const EXACT: Record<string, PathMapper> = {
  conn: mapConn,
  modbus: mapModbus,
  modbus_detailed: mapModbusDetailed,
  modbus_mask_write_register: mapModbusMaskWrite,
  modbus_read_write_multiple_registers: mapModbusReadWriteMultiple,
  modbus_read_device_identification: mapModbusDeviceIdentification,
  dnp3: mapDnp3,
  dnp3_control: mapDnp3Control,
  dnp3_objects: mapDnp3Objects,
  s7comm: mapS7comm,
  s7comm_plus: mapS7commPlus,
  s7comm_upload_download: mapS7UploadDownload,
  s7comm_read_szl: mapS7Identification,
  s7comm_known_devices: mapS7Identification,
  cotp: mapCotp,
  cip: mapCip,
  cip_multi: mapCip,
  enip: mapEnip,
  cip_io: mapCipIo,
  cip_identity: mapCipIdentity,
  bacnet: mapBacnet,
  bacnet_property: mapBacnetProperty,
  bacnet_discovery: mapBacnetDiscovery,
  bacnet_device_control: mapBacnetDeviceControl,
  opcua_binary: mapOpcua,
};

const PREFIXES: [RegExp, OtProtocol, string][] = [
  [/^modbus/, "modbus", "modbus"],
  [/^dnp3/, "dnp3", "dnp3"],
  [/^s7comm_plus/, "s7comm_plus", "s7comm_plus"],
  [/^s7comm/, "s7comm", "s7comm"],
  [/^(?:cip|enip)/, "enip_cip", "cip"],
  [/^bacnet/, "bacnet", "bacnet"],
];

export function mapperFor(path: string | undefined): PathMapper {
  if (path === undefined) return () => mapGeneric(undefined);
  const exact = Object.hasOwn(EXACT, path) ? EXACT[path] : undefined;
  if (exact) return exact;
  if (path.startsWith("opcua_binary")) return mapOpcuaSideLog;
  for (const [pattern, protocol, network] of PREFIXES) {
    if (pattern.test(path)) {
      return (r) =>
        mapped(
          `icsnpp-${path}`,
          network,
          otBlock(protocol, { action: "other", name: path.toUpperCase() }, { isRequest: bool(r.is_orig) }),
        );
    }
  }
  return () => mapGeneric(path);
}
