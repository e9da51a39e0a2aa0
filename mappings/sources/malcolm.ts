// Malcolm-normalised documents (cisagov/Malcolm, OpenSearch/Logstash output): ECS endpoints already resolved
// from ICSNPP source_h/destination_h, `event.dataset` = the Zeek log name, the log's own fields under
// `zeek.<log>.*` (with tid->trans_id, unit->unit_id, pdu_type/request_response->network_direction renamed),
// `event.action` an ARRAY, `event.provider` zeek|suricata. The ICS part is classified by the same per-log
// mappers as raw Zeek, fed with the `zeek.<log>` object, so the two paths cannot disagree.
import { ecsEndpoint, ecsNetwork, ecsRuleAndThreat } from "./shared/ecs.ts";
import { newEvent } from "./shared/event.ts";
import { fromIso } from "./shared/time.ts";
import { at2, isObject, list, str, unflatten, withUniq } from "./shared/values.ts";
import { fail, type JsonObject, type NormaliseContext, type NormaliseResult } from "./types.ts";
import { normalisePath } from "./zeek/log-path.ts";
import { mapperFor } from "./zeek/registry.ts";

export function normaliseMalcolm(input: JsonObject, context: NormaliseContext): NormaliseResult {
  const doc = unflatten(input);
  const time = fromIso(doc["@timestamp"] ?? at2(doc, "zeek", "ts"), "@timestamp");
  if (!time.ok) return time;
  const provider =
    str(at2(doc, "event", "provider")) ??
    (isObject(doc.zeek) ? "zeek" : isObject(doc.suricata) ? "suricata" : "malcolm");
  const datasetRaw = list(at2(doc, "event", "dataset"))?.[0] ?? "unknown";
  const log = normalisePath(datasetRaw.startsWith("zeek.") ? datasetRaw.slice(5) : datasetRaw);
  const isAlert = str(at2(doc, "event", "kind")) === "alert" || log === "alert" || log === "notice";
  const category = withoutOt(list(at2(doc, "event", "category")));
  const observerName = str(at2(doc, "host", "name"));
  const event = newEvent(context, {
    timestamp: time.value,
    format: "malcolm",
    schema: `malcolm:${provider}.${log}`,
    dataset: `${provider}.${log}`,
    kind: isAlert ? "alert" : "event",
    category: category?.length ? category : ["network"],
    type: list(at2(doc, "event", "type")),
    action: list(at2(doc, "event", "action"))?.join(";"),
    observer: observerName
      ? { type: "ot-sensor", vendor: "CISA", product: "Malcolm", name: observerName }
      : { type: "ot-sensor", vendor: "CISA", product: "Malcolm" },
  });
  const source = ecsEndpoint(doc, "source");
  const destination = ecsEndpoint(doc, "destination");
  if (source) event.source = source;
  if (destination) event.destination = destination;
  const network = ecsNetwork(doc);
  if (network) event.network = network;
  const zeekLog = at2(doc, "zeek", log); // `log` has no dots (normalisePath)
  if (provider === "zeek" && isObject(zeekLog)) {
    const mapping = mapperFor(log)(zeekNames(zeekLog), log);
    if (mapping.ot) event.ot = mapping.ot;
    if (mapping.outcome && event.event.outcome === undefined) event.event.outcome = mapping.outcome;
    event.gapwatch.provenance.schema = `malcolm:${provider}.${log}:${mapping.generation}`;
  }
  const outcome = str(at2(doc, "event", "outcome"));
  if (outcome === "success" || outcome === "failure" || outcome === "unknown") event.event.outcome = outcome;
  ecsRuleAndThreat(doc, event);
  const related = relatedIps(list(at2(doc, "related", "ip")), source?.ip, destination?.ip);
  const hosts = list(at2(doc, "related", "hosts"));
  if (related || hosts)
    event.related = related && hosts ? { ip: related, hosts } : related ? { ip: related } : { hosts };
  const uid = str(at2(doc, "zeek", "uid")) ?? str(at2(doc, "event", "id"));
  if (uid) event.labels = { zeek_uid: uid };
  if (!source && !destination && !isAlert)
    return fail("missing_field", "Malcolm document has neither source nor destination", "source.ip");
  return { ok: true, events: [event] };
}

/** Malcolm tags ICS events with the non-ECS category `ot`: dropped (the `ot` block says it). */
function withoutOt(categories: string[] | undefined): string[] | undefined {
  if (categories === undefined || !categories.includes("ot")) return categories;
  return categories.filter((c) => c !== "ot");
}

/** `uniq(...listed, source, destination)` without spreading the list into arguments. */
function relatedIps(
  listed: string[] | undefined,
  source: string | undefined,
  destination: string | undefined,
): string[] | undefined {
  let out: string[] | undefined;
  if (listed !== undefined) for (let i = 0; i < listed.length; i++) out = withUniq(out, listed[i]);
  return withUniq(withUniq(out, source), destination);
}

/**
 * Malcolm's renames undone (`unit_id` -> `unit`, `trans_id` -> `tid`) so the raw-Zeek mappers read the same
 * names. The mappers only read their record, so the log object is copied only when a rename changes what a
 * read of `unit` or `tid` gives (`??=` on a nullish value, unless both sides are undefined).
 */
function zeekNames(zeekLog: JsonObject): JsonObject {
  if (!renames(zeekLog.unit, zeekLog.unit_id) && !renames(zeekLog.tid, zeekLog.trans_id)) return zeekLog;
  const r: JsonObject = { ...zeekLog };
  r.unit ??= zeekLog.unit_id;
  r.tid ??= zeekLog.trans_id;
  return r;
}

function renames(current: unknown, renamed: unknown): boolean {
  return current === null || (current === undefined && renamed !== undefined);
}
