// S7comm (Siemens S7-300/400 "S7 communication", ISO-on-TCP port 102) -> action.
// No public specification exists; the codes and names are those of the Wireshark dissector
// (epan/dissectors/packet-s7comm.c: s7comm_param_fcodes, userdata function groups and sub-functions, PI
// service names) as CISA ICSNPP-S7comm's scripts/consts.zeek reproduces them.
import { defineTable } from "./table.ts";

/** Job / Ack-Data parameter function codes (packet-s7comm.c `param_functionnames`). */
export const s7Functions = defineTable("s7comm", "Wireshark packet-s7comm.c param function codes", [
  [0x00, "CPU_SERVICES", "diagnostic"],
  [0x04, "READ_VARIABLE", "read", "READ_VAR"],
  [0x05, "WRITE_VARIABLE", "write", "WRITE_VAR"],
  [0x1a, "REQUEST_DOWNLOAD", "program_download"],
  [0x1b, "DOWNLOAD_BLOCK", "program_download"],
  [0x1c, "DOWNLOAD_ENDED", "program_download"],
  [0x1d, "START_UPLOAD", "program_upload"],
  [0x1e, "UPLOAD", "program_upload"],
  [0x1f, "END_UPLOAD", "program_upload"],
  [0x28, "PLC_CONTROL", "mode_change", "PI_SERVICE"],
  [0x29, "PLC_STOP", "mode_change"],
  [0xf0, "SETUP_COMMUNICATION", "other"],
]);

/** PI services named in a PLC Control (0x28) job (packet-s7comm.c `pi_service_names`). */
export const s7PiServices = defineTable("s7comm", "Wireshark packet-s7comm.c PI service names", [
  [null, "P_PROGRAM", "mode_change", "PLC_START_STOP"],
  [null, "_INSE", "program_download", "INSE", "ACTIVATE_MODULE"],
  [null, "_INS2", "program_download", "INS2"],
  [null, "_DELE", "program_download", "DELE", "DELETE_MODULE"],
  [null, "_MODU", "config", "MODU", "COPY_RAM_TO_ROM"],
  [null, "_GARB", "config", "GARB", "COMPRESS_MEMORY"],
  [null, "_N_LOGOUT", "auth", "N_LOGOUT"],
]);

/** User-data (ROSCTR 7) sub-functions, by name (the function group is in `function_name`). */
export const s7UserData = defineTable("s7comm", "Wireshark packet-s7comm.c userdata sub-functions", [
  [null, "READ_SZL", "discovery"],
  [null, "MESSAGE_SERVICE", "other"],
  [null, "DIAGNOSTIC_MESSAGE", "diagnostic"],
  [null, "LIST_BLOCKS", "discovery"],
  [null, "LIST_BLOCKS_OF_TYPE", "discovery"],
  [null, "GET_BLOCK_INFO", "discovery"],
  [null, "READ_CLOCK", "read", "READ_CLOCK_FOLLOWING"],
  [null, "SET_CLOCK", "config"],
  [null, "PLC_PASSWORD", "auth"],
  [null, "CLEAN_SESSION", "auth"],
  [null, "FORCE", "write", "FORCES"],
  [null, "MODIFY_VARIABLE", "write"],
  [null, "VAR_TAB", "write", "VARTAB"],
  [null, "MEMORY_RESET", "config"],
  [null, "ERASE", "config"],
  [null, "REQUEST_DIAG_DATA_TYPE_1", "diagnostic"],
  [null, "REQUEST_DIAG_DATA_TYPE_2", "diagnostic"],
  [null, "READ_DIAG_DATA", "diagnostic"],
  [null, "REMOVE_DIAG_DATA", "diagnostic"],
  [null, "STOP", "mode_change"],
  [null, "RUN", "mode_change"],
  [null, "WARM_RESTART", "restart"],
  [null, "COLD_RESTART", "restart"],
  [null, "HOT_RESTART", "restart"],
]);
