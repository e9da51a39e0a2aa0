import { describe, expect, it } from "vitest";
import { OtAction } from "../schema/canonical-event.ts";
import {
  bacnetServices,
  cipObjectSpecific,
  cipServices,
  classifyFunction,
  dnp3Functions,
  enipCommands,
  modbusDiagnosticSubfunctions,
  modbusFunctions,
  normaliseFunctionName,
  opcuaMessageTypes,
  opcuaServices,
  s7Functions,
  s7PiServices,
  s7PlusFunctions,
  s7UserData,
} from "./index.ts";

const tables = {
  modbusFunctions,
  modbusDiagnosticSubfunctions,
  dnp3Functions,
  cipServices,
  cipObjectSpecific,
  enipCommands,
  bacnetServices,
  opcuaServices,
  opcuaMessageTypes,
  s7Functions,
  s7PiServices,
  s7UserData,
  s7PlusFunctions,
};

describe("ICS function tables", () => {
  for (const [name, table] of Object.entries(tables)) {
    it(`${name}: cites its spec, uses valid actions, has unique codes`, () => {
      expect(table.spec.length).toBeGreaterThan(10);
      const codes = table.rows.filter((r) => r.code !== undefined).map((r) => r.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const row of table.rows) expect(OtAction.safeParse(row.action).success).toBe(true);
    });
  }

  it("normalises every spelling sources use", () => {
    expect(normaliseFunctionName("Write Variable")).toBe("WRITE_VARIABLE");
    expect(normaliseFunctionName("write-property")).toBe("WRITE_PROPERTY");
    expect(normaliseFunctionName("writeProperty")).toBe("WRITE_PROPERTY");
    expect(normaliseFunctionName("WriteRequest")).toBe("WRITE_REQUEST");
    expect(normaliseFunctionName("PLC Start / Stop")).toBe("PLC_START_STOP");
  });

  it("classifies the high-impact operations the issue names", () => {
    expect(classifyFunction(modbusFunctions, 6, undefined).action).toBe("write");
    expect(classifyFunction(modbusFunctions, undefined, "PROGRAM_UNITY").action).toBe("program_download");
    expect(classifyFunction(modbusFunctions, 125, undefined).action).toBe("firmware");
    expect(classifyFunction(dnp3Functions, undefined, "DIRECT_OPERATE").action).toBe("control");
    expect(classifyFunction(dnp3Functions, 13, undefined).action).toBe("restart");
    expect(classifyFunction(dnp3Functions, 18, undefined).action).toBe("mode_change");
    expect(classifyFunction(s7Functions, 0x29, undefined).action).toBe("mode_change");
    expect(classifyFunction(s7Functions, undefined, "Download Block").action).toBe("program_download");
    expect(classifyFunction(s7Functions, undefined, "Start Upload").action).toBe("program_upload");
    expect(classifyFunction(cipServices, undefined, "Set Attributes Single").action).toBe("control");
    expect(classifyFunction(cipObjectSpecific, undefined, "Write Data").action).toBe("write");
    expect(classifyFunction(bacnetServices, undefined, "reinitialized_device").action).toBe("restart");
    expect(classifyFunction(bacnetServices, undefined, "read-property-ack").action).toBe("read");
    expect(classifyFunction(opcuaServices, undefined, "WriteResponse").action).toBe("write");
    expect(classifyFunction(opcuaServices, 712, undefined).action).toBe("control");
    expect(classifyFunction(s7UserData, undefined, "PLC Password").action).toBe("auth");
  });

  it("keeps unknown functions as `other` with their name, never drops them", () => {
    expect(classifyFunction(modbusFunctions, 100, "unknown-100")).toEqual({
      action: "other",
      code: "100",
      name: "UNKNOWN_100",
    });
    expect(classifyFunction(bacnetServices, undefined, "vendor-thing")).toEqual({
      action: "other",
      name: "VENDOR_THING",
    });
  });
});
