// Modbus function codes -> action.
// Spec: MODBUS Application Protocol Specification V1.1b3 (Modbus Organization, 2012), section 5.1 "Public
// Function Code Definition" and section 6 (one subsection per function); sub-functions of 0x08 from 6.8.1;
// MEI types of 0x2B from 6.19-6.21. Vendor/legacy codes (Modicon 484/584/884, Concept, Unity/UMAS 0x5A,
// firmware replacement 0x7D) as named by Zeek's base/protocols/modbus/consts.zeek, which ICSNPP reuses.
import { defineTable } from "./table.ts";

export const modbusFunctions = defineTable("modbus", "Modbus Application Protocol V1.1b3 §5.1, §6", [
  [1, "READ_COILS", "read", "RdCoils"],
  [2, "READ_DISCRETE_INPUTS", "read", "RdDiscreteInputs"],
  [3, "READ_HOLDING_REGISTERS", "read", "RdHoldRegs"],
  [4, "READ_INPUT_REGISTERS", "read", "RdInputRegs"],
  [5, "WRITE_SINGLE_COIL", "write", "WrSingleCoil"],
  [6, "WRITE_SINGLE_REGISTER", "write", "WrSingleReg"],
  [7, "READ_EXCEPTION_STATUS", "diagnostic", "RdExcStatus"],
  [8, "DIAGNOSTICS", "diagnostic", "Diagnostic"],
  [9, "PROGRAM_484", "program_download", "Program484"],
  [10, "POLL_484", "diagnostic", "Poll484"],
  [11, "GET_COMM_EVENT_COUNTER", "diagnostic", "GetCommEventCtr"],
  [12, "GET_COMM_EVENT_LOG", "diagnostic", "GetCommEventLog"],
  [13, "PROGRAM_584_984", "program_download", "Program584"],
  [14, "POLL_584_984", "diagnostic", "Poll584"],
  [15, "WRITE_MULTIPLE_COILS", "write", "WrMultCoils"],
  [16, "WRITE_MULTIPLE_REGISTERS", "write", "WrMultRegs"],
  [17, "REPORT_SLAVE_ID", "discovery", "REPORT_SERVER_ID", "ReportServerID"],
  [18, "PROGRAM_884_U84", "program_download", "Program884"],
  [19, "RESET_COMM_LINK_884_U84", "restart", "ResetCommLink"],
  [20, "READ_FILE_RECORD", "read", "RdFileRec"],
  [21, "WRITE_FILE_RECORD", "write", "WrFileRec"],
  [22, "MASK_WRITE_REGISTER", "write", "MaskWrReg"],
  [23, "READ_WRITE_MULTIPLE_REGISTERS", "write", "RdWrMultRegs"],
  [24, "READ_FIFO_QUEUE", "read", "RdFIFOQueue"],
  [40, "PROGRAM_CONCEPT", "program_download", "ProgramConcept"],
  [41, "MULTIPLE_FUNCTION_CODES", "other"],
  [43, "ENCAP_INTERFACE_TRANSPORT", "discovery", "MEI", "EncapsulatedInterfaceTransport"],
  [90, "PROGRAM_UNITY", "program_download", "UMAS", "ProgramUnity"],
  [91, "OBJECT_MESSAGING", "other"],
  [125, "FIRMWARE_REPLACEMENT", "firmware", "FirmwareReplacement"],
  [126, "PROGRAM_584_984_2", "program_download"],
  [127, "REPORT_LOCAL_ADDRESS", "discovery"],
]);

// Spec §6.8.1: sub-function codes of 0x08 Diagnostics. Restart (0x01) and Force Listen Only (0x04) take a
// device off the bus: they are the DoS-relevant ones (ATT&CK for ICS T0814).
export const modbusDiagnosticSubfunctions = defineTable("modbus", "Modbus Application Protocol V1.1b3 §6.8.1", [
  [0x00, "RETURN_QUERY_DATA", "diagnostic"],
  [0x01, "RESTART_COMMUNICATIONS_OPTION", "restart"],
  [0x02, "RETURN_DIAGNOSTIC_REGISTER", "diagnostic"],
  [0x03, "CHANGE_ASCII_INPUT_DELIMITER", "config"],
  [0x04, "FORCE_LISTEN_ONLY_MODE", "control"],
  [0x0a, "CLEAR_COUNTERS_AND_DIAGNOSTIC_REGISTER", "config"],
  [0x0b, "RETURN_BUS_MESSAGE_COUNT", "diagnostic"],
  [0x0c, "RETURN_BUS_COMMUNICATION_ERROR_COUNT", "diagnostic"],
  [0x0d, "RETURN_BUS_EXCEPTION_ERROR_COUNT", "diagnostic"],
  [0x0e, "RETURN_SERVER_MESSAGE_COUNT", "diagnostic", "RETURN_SLAVE_MESSAGE_COUNT"],
  [0x0f, "RETURN_SERVER_NO_RESPONSE_COUNT", "diagnostic", "RETURN_SLAVE_NO_RESPONSE_COUNT"],
  [0x10, "RETURN_SERVER_NAK_COUNT", "diagnostic", "RETURN_SLAVE_NAK_COUNT"],
  [0x11, "RETURN_SERVER_BUSY_COUNT", "diagnostic", "RETURN_SLAVE_BUSY_COUNT"],
  [0x12, "RETURN_BUS_CHARACTER_OVERRUN_COUNT", "diagnostic"],
  [0x14, "CLEAR_OVERRUN_COUNTER_AND_FLAG", "config"],
]);
