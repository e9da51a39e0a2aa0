import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  boundOriginal,
  isSensitiveKey,
  originalFromJson,
  originalFromTsv,
  REDACTED,
  redactJsonMembers,
  redactJsonText,
} from "./original.ts";

/** The rewrite as first written (one replacer call per member): redactJsonMembers must give the same text. */
function redactByReplace(text: string): string {
  return text.replace(
    /"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)/g,
    (whole, key: string, colon: string, value: string) =>
      isSensitiveKey(key) && value !== "null" && value !== '""' ? `"${key}"${colon}"${REDACTED}"` : whole,
  );
}

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

  it("pre-filter never skips a record the full rewrite would change", () => {
    // Keys built from the sensitive words with prefixes, separators, case changes and near misses, in
    // compact and spaced JSON, with escapes and nested values: the filtered and unfiltered paths must agree.
    const word = fc.constantFrom(
      "password",
      "Passwd",
      "PASSPHRASE",
      "pwd",
      "secret",
      "client_secret",
      "token",
      "access_token",
      "id_token",
      "api_key",
      "apiKey",
      "authorization",
      "credential",
      "Credentials",
      "private_key",
      "ext_obj_password",
      "ext_obj_token_data",
      "ext_obj_certificate_data",
      "user_token_signature",
      "client_signature",
      "signature",
      "token_data",
      "TokenElevation",
      "passwords",
    );
    const key = fc
      .tuple(fc.constantFrom("", "zeek.", "a_", "b-", "x", "a\\", 'q\\"'), word, fc.constantFrom("", "x", "_"))
      .map(([p, w, s]) => p + w + s);
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(""), fc.boolean());
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 5 }), fc.boolean(), (members, spaced) => {
        const sep = spaced ? " : " : ":";
        const text = `{${members.map(([k, v]) => `"${k}"${sep}${JSON.stringify(v)}`).join(",")}}`;
        expect(redactJsonText(text)).toBe(redactJsonMembers(text));
        expect(redactJsonMembers(text)).toBe(redactByReplace(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("rewrites exactly as the replacer-per-member form, on any JSON and any text", () => {
    const sensitive = fc.constantFrom("password", "x.token", "API_KEY", "a\\", 'q\\"', "secret");
    const doc = fc.jsonValue().map((v) => JSON.stringify({ password: "p", [JSON.stringify(v).slice(0, 5)]: v }));
    const spaced = fc.jsonValue().map((v) => JSON.stringify({ token: v, nested: { secret: v, list: [v] } }, null, 1));
    const loose = fc.array(fc.oneof(fc.string(), sensitive, fc.constantFrom('"', ":", "\\", " ", "{", ",", "1")), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          doc,
          spaced,
          loose.map((parts) => parts.join("")),
        ),
        (text) => {
          expect(redactJsonMembers(text)).toBe(redactByReplace(text));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
