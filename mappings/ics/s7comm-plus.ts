// S7comm-plus (S7-1200/1500, TIA Portal) function codes -> action.
// No public specification; codes and names from the Wireshark S7comm-plus dissector (packet-s7comm_plus.c,
// `s7comm_plus_function_names`) as ICSNPP-S7comm's s7comm_plus.log writes them ("Set Variable" 0x04f2 ...).
import { defineTable } from "./table.ts";

export const s7PlusFunctions = defineTable("s7comm_plus", "Wireshark packet-s7comm_plus.c function codes", [
  [0x04bb, "EXPLORE", "discovery"],
  [0x04ca, "CREATE_OBJECT", "config"],
  [0x04d4, "DELETE_OBJECT", "config"],
  [0x04f2, "SET_VARIABLE", "write"],
  [0x04fc, "GET_VARIABLE", "read"],
  [0x0506, "ADD_LINK", "config"],
  [0x0510, "REMOVE_LINK", "config"],
  [0x0524, "GET_LINK", "read"],
  [0x0542, "SET_MULTI_VARIABLES", "write"],
  [0x054c, "GET_MULTI_VARIABLES", "read"],
  [0x0556, "BEGIN_SEQUENCE", "other"],
  [0x0560, "END_SEQUENCE", "other"],
  [0x056b, "INVOKE", "control"],
  [0x057c, "SET_VAR_SUB_STREAMED", "write", "SET_VARIABLE_SUB_STREAMED"],
  [0x0586, "GET_VAR_SUB_STREAMED", "read", "GET_VARIABLE_SUB_STREAMED"],
  [0x0590, "GET_VARIABLES_ADDRESS", "read"],
  [0x059a, "ABORT", "other"],
  [0x05a9, "ERROR", "other"],
  [0x05b3, "INIT_SSL", "auth"],
]);
