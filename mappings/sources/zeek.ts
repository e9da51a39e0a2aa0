// Zeek (built-in logs and the CISA ICSNPP parsers) in every serialisation gapwatch meets: LogAscii JSON with
// dotted keys, json-streaming with underscore keys and `@stream`, Corelight `_path`, the zeek-kafka plugin's
// `{"<path>": {...}}` envelope, and TSV lines with their `#fields` header (turned into objects by
// zeek/tsv.ts before they get here). Everything is keyed on field names; the generation of the log layout is
// recorded in gapwatch.provenance.schema as `<key style>:<generation>`.
import type { CanonicalEvent } from "../schema/canonical-event.ts";
import { newEvent } from "./shared/event.ts";
import { memoize } from "./shared/memo.ts";
import { fromEpochSeconds } from "./shared/time.ts";
import { isObject, str, uniq } from "./shared/values.ts";
import { fail, type JsonObject, type NormaliseContext, type NormaliseResult } from "./types.ts";
import { endpointsOf, keyStyleOf } from "./zeek/common.ts";
import { inferPath, normalisePath, pathFromHint } from "./zeek/log-path.ts";
import { mapperFor } from "./zeek/registry.ts";

export const ZEEK_FORMAT = "zeek";

/** Unwraps the zeek-kafka `{"modbus": {...}}` envelope; returns the record and the path it names. */
export function unwrapZeekEnvelope(record: JsonObject): { record: JsonObject; path?: string } {
  if (record.ts !== undefined || record.uid !== undefined) return { record };
  const keys = Object.keys(record);
  if (keys.length === 1) {
    const inner = record[keys[0]!];
    if (isObject(inner) && (inner.ts !== undefined || inner.uid !== undefined))
      return { record: inner, path: keys[0]! };
  }
  return { record };
}

const ICSNPP_LOG = /^(?:modbus_|dnp3_|s7|cotp|cip|enip|bacnet|opcua)/;
const productOf = memoize((path: string) => (ICSNPP_LOG.test(path) ? "Zeek ICSNPP" : "Zeek"));

function observerOf(path: string | undefined, system: string | undefined): CanonicalEvent["observer"] {
  const product = path ? productOf(path) : "Zeek";
  return system
    ? { type: "ot-sensor", vendor: "Zeek", product, name: system }
    : { type: "ot-sensor", vendor: "Zeek", product };
}

export function normaliseZeek(input: JsonObject, context: NormaliseContext): NormaliseResult {
  // Plain records (the common case) skip the envelope probe and its result object.
  const { record: r, path: envelopePath } =
    input.ts !== undefined || input.uid !== undefined ? { record: input, path: undefined } : unwrapZeekEnvelope(input);
  const named = str(r._path) ?? str(r["@stream"]) ?? envelopePath ?? pathFromHint(context.zeekPath);
  const path = named ? normalisePath(named) : inferPath(r);
  if (path === "packet_filter" || path === "loaded_scripts" || path === "reporter" || path === "stats") {
    return fail("unsupported_record", `zeek ${path}.log describes the sensor, not traffic`, "_path");
  }
  const time = fromEpochSeconds(r.ts, "ts");
  if (!time.ok) return time;
  const endpoints = endpointsOf(r);
  if (endpoints.source.ip === undefined && endpoints.destination.ip === undefined && r.uid === undefined) {
    return fail("missing_field", "zeek record has neither a uid nor a connection tuple", "id.orig_h");
  }
  const mapping = mapperFor(path)(r, path ?? "unknown");
  const keyStyle = context.keyStyle ?? keyStyleOf(r);
  const event = newEvent(context, {
    timestamp: time.value,
    format: ZEEK_FORMAT,
    schema: `zeek-${keyStyle}:${mapping.generation}`,
    dataset: `zeek.${path ?? "unknown"}`,
    category: mapping.category ?? ["network"],
    type: mapping.type,
    action: mapping.action,
    observer: observerOf(path, str(r["@system"])),
  });
  if (mapping.outcome) event.event.outcome = mapping.outcome;
  // endpointsOf builds fresh objects: the mapping's MACs are added to them in place (as a spread would order them).
  const source = mapping.source ? Object.assign(endpoints.source, mapping.source) : endpoints.source;
  const destination = mapping.destination
    ? Object.assign(endpoints.destination, mapping.destination)
    : endpoints.destination;
  if (source.ip !== undefined || source.port !== undefined || source.mac !== undefined) event.source = source;
  if (destination.ip !== undefined || destination.port !== undefined || destination.mac !== undefined) {
    event.destination = destination;
  }
  const communityId = mapping.communityId ?? str(r.community_id);
  if (mapping.transport || mapping.networkProtocol || communityId) {
    const network: NonNullable<CanonicalEvent["network"]> = {};
    if (mapping.transport) network.transport = mapping.transport;
    if (mapping.networkProtocol) network.protocol = mapping.networkProtocol;
    if (communityId) network.community_id = communityId;
    event.network = network;
  }
  if (mapping.ot) event.ot = mapping.ot;
  if (mapping.user) event.user = { name: mapping.user.name };
  const related = uniq(source.ip, destination.ip);
  if (related) event.related = mapping.user ? { ip: related, user: [mapping.user.name] } : { ip: related };
  const uid = str(r.uid);
  if (uid) event.labels = { zeek_uid: uid };
  return { ok: true, events: [event] };
}
