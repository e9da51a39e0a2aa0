// CIP service codes (EtherNet/IP, ENIP) -> action.
// Spec: ODVA "The CIP Networks Library, Volume 1: Common Industrial Protocol", Appendix A (Table
// "Common Services"); object-specific codes 0x4B-0x63 as the Logix/Connection Manager objects use them
// (Vol 1 §3-5 Connection Manager; Rockwell 1756-PM020 "Logix 5000 Data Access"); names as ICSNPP-ENIP's
// scripts/consts.zeek and Suricata 8 write them. Service codes >= 0x4B are class-specific: the name wins
// over the code for them (see cipObjectSpecific below).
import { defineTable } from "./table.ts";

export const cipServices = defineTable("enip_cip", "ODVA CIP Vol 1 Appendix A (common services)", [
  [0x01, "GET_ATTRIBUTES_ALL", "read"],
  // Setting object attributes is "control" in gapwatch's vocabulary (issue 3: "control (operate, set
  // attribute)"): it changes how the device behaves, unlike a tag/data write.
  [0x02, "SET_ATTRIBUTES_ALL", "control"],
  [0x03, "GET_ATTRIBUTE_LIST", "read"],
  [0x04, "SET_ATTRIBUTE_LIST", "control"],
  [0x05, "RESET", "restart"],
  [0x06, "START", "mode_change"],
  [0x07, "STOP", "mode_change"],
  [0x08, "CREATE", "config"],
  [0x09, "DELETE", "config"],
  [0x0a, "MULTIPLE_SERVICE_PACKET", "other", "MULTIPLE_SERVICE"],
  [0x0d, "APPLY_ATTRIBUTES", "config"],
  [0x0e, "GET_ATTRIBUTE_SINGLE", "read", "GET_ATTRIBUTES_SINGLE"],
  [0x10, "SET_ATTRIBUTE_SINGLE", "control", "SET_ATTRIBUTES_SINGLE"],
  [0x11, "FIND_NEXT_OBJECT_INSTANCE", "discovery"],
  [0x14, "ERROR_RESPONSE", "other"],
  [0x15, "RESTORE", "config"],
  [0x16, "SAVE", "config"],
  [0x17, "NO_OPERATION", "other", "NOP"],
  [0x18, "GET_MEMBER", "read"],
  [0x19, "SET_MEMBER", "write"],
  [0x1a, "INSERT_MEMBER", "write"],
  [0x1b, "REMOVE_MEMBER", "write"],
  [0x1c, "GROUP_SYNC", "other"],
]);

// Class-specific services: looked up by name only, because the same code means different things per class
// (0x4E is Read-Modify-Write on a Logix tag but Forward Close on the Connection Manager).
export const cipObjectSpecific = defineTable("enip_cip", "ODVA CIP Vol 1 §3-5; Rockwell 1756-PM020", [
  [null, "EXECUTE_PCCC_SERVICE", "control", "EXECUTE_PCCC"],
  [null, "READ_DATA", "read", "READ_TAG"],
  [null, "WRITE_DATA", "write", "WRITE_TAG"],
  [null, "READ_MODIFY_WRITE_DATA", "write", "READ_WRITE_MODIFY_DATA", "READ_MODIFY_WRITE_TAG"],
  [null, "READ_DATA_FRAGMENTED", "read", "READ_TAG_FRAGMENTED"],
  [null, "WRITE_DATA_FRAGMENTED", "write", "WRITE_TAG_FRAGMENTED"],
  [null, "FORWARD_OPEN", "other", "LARGE_FORWARD_OPEN"],
  [null, "FORWARD_CLOSE", "other"],
  [null, "UNCONNECTED_SEND", "other"],
  [null, "GET_CONNECTION_OWNER", "read"],
  [null, "GET_INSTANCE_ATTRIBUTE_LIST", "read"],
]);

// ENIP encapsulation commands (CIP Vol 2 "EtherNet/IP Adaptation" §2-3, Table 2-3.2).
export const enipCommands = defineTable("enip_cip", "ODVA CIP Vol 2 §2-3 encapsulation commands", [
  [0x00, "NOP", "other"],
  [0x04, "LIST_SERVICES", "discovery"],
  [0x63, "LIST_IDENTITY", "discovery"],
  [0x64, "LIST_INTERFACES", "discovery"],
  [0x65, "REGISTER_SESSION", "auth"],
  [0x66, "UNREGISTER_SESSION", "auth"],
  [0x6f, "SEND_RR_DATA", "other"],
  [0x70, "SEND_UNIT_DATA", "other"],
  [0x72, "INDICATE_STATUS", "other"],
  [0x73, "CANCEL", "other"],
]);
