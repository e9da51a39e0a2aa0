// Fields every Zeek log shares: time, uid and the endpoints. ICSNPP logs requests AND responses under the
// request's `id` tuple and say who really sent the PDU in `source_h`/`destination_h` (and `is_orig`); Malcolm
// relies on the same (research §A1.4, §E2.1). Both JSON key styles are read: `id.orig_h` (LogAscii JSON) and
// `id_orig_h` (json-streaming, OTRF), plus a nested `id: {orig_h}` object.
import type { CanonicalEvent } from "../../schema/canonical-event.ts";
import { bool, ip, isObject, port, str } from "../shared/values.ts";
import type { JsonObject } from "../types.ts";

export type KeyStyle = "dotted" | "underscore" | "nested" | "tsv" | "none";

export function keyStyleOf(r: JsonObject): KeyStyle {
  if (r["id.orig_h"] !== undefined) return "dotted";
  if (r.id_orig_h !== undefined) return "underscore";
  if (isObject(r.id)) return "nested";
  return "none";
}

// Key names built once: a template literal per lookup is a fresh string to hash on every record.
const DOTTED = { orig_h: "id.orig_h", orig_p: "id.orig_p", resp_h: "id.resp_h", resp_p: "id.resp_p" } as const;
const UNDERSCORE = { orig_h: "id_orig_h", orig_p: "id_orig_p", resp_h: "id_resp_h", resp_p: "id_resp_p" } as const;

function idField(r: JsonObject, name: "orig_h" | "orig_p" | "resp_h" | "resp_p"): unknown {
  const dotted = r[DOTTED[name]];
  if (dotted !== undefined) return dotted;
  const underscore = r[UNDERSCORE[name]];
  if (underscore !== undefined) return underscore;
  return isObject(r.id) ? r.id[name] : undefined;
}

export interface ZeekEndpoints {
  source: NonNullable<CanonicalEvent["source"]>;
  destination: NonNullable<CanonicalEvent["destination"]>;
  /** True/false when the log says who sent the PDU (is_orig, source_h), undefined otherwise. */
  fromOriginator?: boolean;
}

export function endpointsOf(r: JsonObject): ZeekEndpoints {
  const isOrig = bool(r.is_orig);
  const sourceH = ip(r.source_h);
  const destinationH = ip(r.destination_h);
  if (sourceH !== undefined || destinationH !== undefined) {
    return {
      source: endpoint(sourceH, port(r.source_p)),
      destination: endpoint(destinationH, port(r.destination_p)),
      fromOriginator: isOrig ?? sourceH === ip(idField(r, "orig_h")),
    };
  }
  const orig = endpoint(ip(idField(r, "orig_h")), port(idField(r, "orig_p")));
  const resp = endpoint(ip(idField(r, "resp_h")), port(idField(r, "resp_p")));
  // Older ICSNPP releases log is_orig without source_h: a response (is_orig F) travels resp -> orig.
  if (isOrig === false) return { source: resp, destination: orig, fromOriginator: false };
  return isOrig === true
    ? { source: orig, destination: resp, fromOriginator: true }
    : { source: orig, destination: resp };
}

// Built without `delete`: objects that lose properties drop to V8's slow dictionary mode.
function endpoint(address: string | undefined, p: number | undefined): ZeekEndpoints["source"] {
  if (address !== undefined) return p !== undefined ? { ip: address, port: p } : { ip: address };
  return p !== undefined ? { port: p } : {};
}

export function uidOf(r: JsonObject): string | undefined {
  return str(r.uid);
}
