// Malcolm-normalised documents (cisagov/Malcolm, OpenSearch/Logstash output): ECS endpoints already resolved
// from ICSNPP source_h/destination_h, `event.dataset` = the Zeek log name, the log's own fields under
// `zeek.<log>.*` (with tid->trans_id, unit->unit_id, pdu_type/request_response->network_direction renamed),
// `event.action` an ARRAY, `event.provider` zeek|suricata. The ICS part is classified by the same per-log
// mappers as raw Zeek, fed with the `zeek.<log>` object, so the two paths cannot disagree.
import { ecsEndpoint, ecsNetwork, ecsRuleAndThreat } from "./shared/ecs.ts";
import { newEvent } from "./shared/event.ts";
import { fromIso } from "./shared/time.ts";
import { at2, isObject, list, str, unflatten, uniq } from "./shared/values.ts";
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
  const log = normalisePath(datasetRaw.replace(/^zeek\./, ""));
  const isAlert = str(at2(doc, "event", "kind")) === "alert" || log === "alert" || log === "notice";
  const category = list(at2(doc, "event", "category"))?.filter((c) => c !== "ot");
  const event = newEvent(context, {
    timestamp: time.value,
    format: "malcolm",
    schema: `malcolm:${provider}.${log}`,
    dataset: `${provider}.${log}`,
    kind: isAlert ? "alert" : "event",
    category: category?.length ? category : ["network"],
    type: list(at2(doc, "event", "type")),
    action: list(at2(doc, "event", "action"))?.join(";"),
    observer: {
      type: "ot-sensor",
      vendor: "CISA",
      product: "Malcolm",
      ...(str(at2(doc, "host", "name")) ? { name: str(at2(doc, "host", "name")) } : {}),
    },
  });
  if (event.event.type === undefined) delete event.event.type;
  if (event.event.action === undefined) delete event.event.action;
  const source = ecsEndpoint(doc, "source");
  const destination = ecsEndpoint(doc, "destination");
  if (source) event.source = source;
  if (destination) event.destination = destination;
  const network = ecsNetwork(doc);
  if (network) event.network = network;
  const zeekLog = at2(doc, "zeek", log); // `log` has no dots (normalisePath)
  if (provider === "zeek" && isObject(zeekLog)) {
    // Undo Malcolm's renames so the raw-Zeek mappers read the same names.
    const r: JsonObject = { ...zeekLog };
    r.unit ??= zeekLog.unit_id;
    r.tid ??= zeekLog.trans_id;
    const mapping = mapperFor(log)(r, log);
    if (mapping.ot) event.ot = mapping.ot;
    if (mapping.outcome && event.event.outcome === undefined) event.event.outcome = mapping.outcome;
    event.gapwatch.provenance.schema = `malcolm:${provider}.${log}:${mapping.generation}`;
  }
  const outcome = str(at2(doc, "event", "outcome"));
  if (outcome === "success" || outcome === "failure" || outcome === "unknown") event.event.outcome = outcome;
  ecsRuleAndThreat(doc, event);
  const related = uniq(...(list(at2(doc, "related", "ip")) ?? []), source?.ip, destination?.ip);
  const hosts = list(at2(doc, "related", "hosts"));
  if (related || hosts) event.related = { ...(related ? { ip: related } : {}), ...(hosts ? { hosts } : {}) };
  const uid = str(at2(doc, "zeek", "uid")) ?? str(at2(doc, "event", "id"));
  if (uid) event.labels = { zeek_uid: uid };
  if (!source && !destination && !isAlert)
    return fail("missing_field", "Malcolm document has neither source nor destination", "source.ip");
  return { ok: true, events: [event] };
}
