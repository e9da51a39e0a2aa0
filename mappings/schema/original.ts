// `event.original`: the raw record kept on the canonical event so an analyst can see what the sensor wrote.
// Two promises: it is bounded (a 1 MiB record must not become a 1 MiB Elasticsearch field) and credentials never
// reach the index. ICS logs carry secrets in clear: ICSNPP bacnet_device_control.log `password`, the OPC UA
// ActivateSession user token (`ext_obj_password`, `ext_obj_token_data`, signatures), S7 "PLC Password"
// user-data; EDR records can carry tokens and API keys. Redaction is by key name, both for JSON text and for
// Zeek TSV columns, and it runs before truncation so a cut can never expose half a secret's key.

/** Default bound of `event.original` in UTF-16 code units (about 4 KiB of ASCII). */
export const ORIGINAL_MAX_CHARS = 4096;
export const REDACTED = "[REDACTED]";
const TRUNCATION_MARK = "…[truncated]";

/**
 * Key names whose values are credentials. Matched case-insensitively against a whole key (JSON) or column name
 * (TSV), with any namespace prefix (`zeek.bacnet_device_control.password`) ignored.
 */
const SENSITIVE_KEY =
  /^(?:.*[._-])?(?:password|passwd|passphrase|pwd|secret|client_secret|token|access_token|refresh_token|id_token|api_?key|apikey|authorization|credentials?|private_key|ext_obj_password|ext_obj_token_data|ext_obj_certificate_data|user_token_signature|client_signature)$/i;

/**
 * Cheap pre-filter, one native regex pass. A key SENSITIVE_KEY accepts ends with one of its words, preceded by
 * the key's opening quote or a `.`/`_`/`-` separator, and is followed by its closing quote and a colon; when no
 * such `"<word>":` occurs, no JSON member can be redacted and the text is returned as is. Anchoring on both
 * ends keeps values (URLs with `token=`) and ordinary keys (Suricata `alert.signature`, MDE
 * `InitiatingProcessTokenElevation`) from sending records down the member-by-member rewrite.
 */
const MAYBE_SENSITIVE =
  /["._-](?:pass(?:word|wd|phrase)|pwd|secret|token|api_?key|authorization|credentials?|private_key|ext_obj_token_data|ext_obj_certificate_data|user_token_signature|client_signature)"\s*:/i;

/** MAYBE_SENSITIVE's pattern, for a caller folding it into one wider scan of the record (processors/ingest). */
export const MAYBE_SENSITIVE_PATTERN = MAYBE_SENSITIVE.source;

// A JSON member `"key": <string|number|true|false|null>`; objects and arrays under a sensitive key are handled
// by replacing their scalar leaves only when those leaves are themselves keyed sensitively (rare enough).
const JSON_MEMBER = /"((?:[^"\\]|\\.)*)"(\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)/g;

const sensitiveCache = new Map<string, boolean>();

/** Memoised: Zeek headers and JSON keys repeat on every record. */
export function isSensitiveKey(key: string): boolean {
  let hit = sensitiveCache.get(key);
  if (hit === undefined) {
    hit = SENSITIVE_KEY.test(key);
    if (sensitiveCache.size > 4096) sensitiveCache.clear();
    sensitiveCache.set(key, hit);
  }
  return hit;
}

/** Replaces the values of sensitive keys in JSON text, leaving everything else byte-identical. */
export function redactJsonText(text: string): string {
  return MAYBE_SENSITIVE.test(text) ? redactJsonMembers(text) : text;
}

/**
 * The member-by-member rewrite without the pre-filter (exported so a test can pin that both agree). The same
 * global scan as `text.replace(JSON_MEMBER, ...)` (exec advances exactly as replace does), but the text is
 * rebuilt only around the members that change instead of returning every member to a replacer callback.
 */
export function redactJsonMembers(text: string): string {
  JSON_MEMBER.lastIndex = 0;
  let out = "";
  let copied = 0;
  for (let m = JSON_MEMBER.exec(text); m !== null; m = JSON_MEMBER.exec(text)) {
    const value = m[3]!;
    if (value === "null" || value === '""' || !isSensitiveKey(m[1]!)) continue;
    out += `${text.slice(copied, m.index)}"${m[1]}"${m[2]}"${REDACTED}"`;
    copied = m.index + m[0].length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

// Which columns of a `#fields` list are sensitive: the header is one array shared by every line of its file,
// so this is computed once per header (weakly held) instead of one lookup per column per line.
const sensitiveByFields = new WeakMap<readonly string[], number[]>();
function sensitiveIndexes(fields: readonly string[]): number[] {
  let out = sensitiveByFields.get(fields);
  if (out === undefined) {
    out = [];
    for (let i = 0; i < fields.length; i++) if (isSensitiveKey(fields[i]!)) out.push(i);
    sensitiveByFields.set(fields, out);
  }
  return out;
}

/** Redacts Zeek TSV values by column name (the unset marker `-` is left alone: there is nothing to hide). */
export function redactTsvValues(fields: readonly string[], values: string[], unset = "-"): string[] {
  let copy: string[] | undefined;
  for (const i of sensitiveIndexes(fields)) {
    if (i >= values.length) break;
    const value = values[i]!;
    if (value !== unset && value !== "") {
      copy ??= values.slice();
      copy[i] = REDACTED;
    }
  }
  return copy ?? values;
}

/** Bounds text to `maxChars`, marking the cut. */
export function boundOriginal(text: string, maxChars = ORIGINAL_MAX_CHARS): string {
  if (text.length <= maxChars) return text;
  return text.slice(0, Math.max(0, maxChars - TRUNCATION_MARK.length)) + TRUNCATION_MARK;
}

/**
 * The `event.original` of a JSON record: credentials redacted, then bounded. `screened`: the caller has shown
 * that MAYBE_SENSITIVE finds nothing in the text (or in a text it is a slice or re-serialisation of, see
 * mappings/sources/types.ts `jsonTextScreened`), so the redaction would return it as is.
 */
export function originalFromJson(text: string, maxChars = ORIGINAL_MAX_CHARS, screened = false): string {
  return boundOriginal(screened ? text : redactJsonText(text), maxChars);
}

/** The `event.original` of a Zeek TSV line, given its column names. */
export function originalFromTsv(
  fields: readonly string[],
  values: string[],
  separator = "\t",
  maxChars = ORIGINAL_MAX_CHARS,
  /** The line `values` were split from: reused as is when nothing is redacted (joining would rebuild it). */
  line?: string,
): string {
  const redacted = redactTsvValues(fields, values);
  return boundOriginal(redacted === values && line !== undefined ? line : redacted.join(separator), maxChars);
}
