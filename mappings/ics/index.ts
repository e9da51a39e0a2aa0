// Re-exports the per-protocol function tables (data) and the one lookup over them.
export { bacnetServices } from "./bacnet.ts";
export { cipObjectSpecific, cipServices, enipCommands } from "./cip.ts";
export { type Classified, classifyFunction, lookupName } from "./classify.ts";
export { dnp3Functions } from "./dnp3.ts";
export { modbusDiagnosticSubfunctions, modbusFunctions } from "./modbus.ts";
export { opcuaMessageTypes, opcuaServices } from "./opcua.ts";
export { s7Functions, s7PiServices, s7UserData } from "./s7comm.ts";
export { s7PlusFunctions } from "./s7comm-plus.ts";
export { type FunctionTable, normaliseFunctionName } from "./table.ts";
