import { describe, expect, it } from "vitest";
import { boundOriginal, originalFromJson, originalFromTsv, REDACTED, redactJsonText } from "./original.ts";

describe("event.original", () => {
  it("redacts credential-like keys in JSON text and leaves the rest byte-identical", () => {
    const text =
      '{"user":"alice","password":"hunter2","zeek.bacnet_device_control.password":"filister","ext_obj_password":"p","api_key":"k","n":1}';
    const out = redactJsonText(text);
    expect(out).toBe(
      `{"user":"alice","password":"${REDACTED}","zeek.bacnet_device_control.password":"${REDACTED}","ext_obj_password":"${REDACTED}","api_key":"${REDACTED}","n":1}`,
    );
    expect(redactJsonText('{"a":"b"}')).toBe('{"a":"b"}');
  });

  it("redacts TSV columns by name (BACnet device control, OPC UA tokens)", () => {
    const fields = ["ts", "uid", "device_state", "password", "ext_obj_token_data"];
    expect(originalFromTsv(fields, ["1", "C1", "coldstart", "filister", "tok"])).toBe(
      `1\tC1\tcoldstart\t${REDACTED}\t${REDACTED}`,
    );
    expect(originalFromTsv(fields, ["1", "C1", "-", "-", "-"])).toBe("1\tC1\t-\t-\t-");
  });

  it("bounds the text after redacting", () => {
    const long = `{"password":"secret","x":"${"a".repeat(10_000)}"}`;
    const out = originalFromJson(long, 100);
    expect(out.length).toBe(100);
    expect(out).not.toContain("secret");
    expect(boundOriginal("short", 100)).toBe("short");
  });
});
