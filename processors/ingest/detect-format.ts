// Per-record format detection, so one topic may carry several sources (the per-topic `format` option skips
// it). Each test looks for fields only that family writes; the order matters where families overlap: Malcolm
// and Winlogbeat documents are ECS like Elastic Defend, so their distinctive objects (`zeek`/`suricata`,
// `winlog`) are checked before the generic ECS endpoint test.
import { isObject, unflatten } from "../../mappings/sources/shared/values.ts";
import type { JsonObject } from "../../mappings/sources/types.ts";

export type FormatId = "zeek" | "suricata" | "malcolm" | "elastic-defend" | "winlogbeat" | "crowdstrike-fdr" | "mde";

export function detectFormat(r: JsonObject): FormatId | undefined {
  // Flat-dotted ECS (`{"event.dataset": ...}`, as some shippers write it): detect on its nested form.
  if (
    r.event === undefined &&
    (r["event.dataset"] !== undefined || r["event.kind"] !== undefined || r["event.code"] !== undefined)
  ) {
    return detectNested(unflatten(r));
  }
  return detectNested(r);
}

function detectNested(r: JsonObject): FormatId | undefined {
  if (Array.isArray(r.records)) return "mde";
  if (typeof r.category === "string" && r.category.startsWith("AdvancedHunting-") && isObject(r.properties))
    return "mde";
  if (typeof r.event_simpleName === "string") return "crowdstrike-fdr";
  if (
    typeof r.event_type === "string" &&
    (r.src_ip !== undefined || r.flow_id !== undefined || r.timestamp !== undefined)
  ) {
    return "suricata";
  }
  if (isObject(r.Event) && isObject(r.Event.System)) return "winlogbeat"; // evtx rendered as JSON
  if (r.EventID !== undefined && (r.Channel !== undefined || r.SourceName !== undefined)) return "winlogbeat"; // NXLog/Mordor
  const event = isObject(r.event) ? r.event : undefined;
  if (r["@timestamp"] !== undefined || event) {
    if (
      isObject(r.zeek) ||
      isObject(r.suricata) ||
      (event && (event.provider === "zeek" || event.provider === "malcolm"))
    )
      return "malcolm";
    if (isObject(r.winlog)) return "winlogbeat";
    const dataset =
      typeof event?.dataset === "string"
        ? event.dataset
        : typeof r["data_stream.dataset"] === "string"
          ? r["data_stream.dataset"]
          : "";
    if (
      dataset.startsWith("endpoint.") ||
      event?.module === "endpoint" ||
      (isObject(r.agent) && r.agent.type === "endpoint")
    ) {
      return "elastic-defend";
    }
    if (isObject(r.Endpoint) || isObject(r.process) || isObject(r.host)) return "elastic-defend";
  }
  if (
    r.ts !== undefined &&
    (r.uid !== undefined ||
      r["id.orig_h"] !== undefined ||
      r.id_orig_h !== undefined ||
      r._path !== undefined ||
      r["@stream"] !== undefined)
  ) {
    return "zeek";
  }
  // zeek-kafka envelope: {"conn": {"ts": ..., "uid": ...}}
  const keys = Object.keys(r);
  if (keys.length === 1) {
    const inner = r[keys[0]!];
    if (isObject(inner) && inner.ts !== undefined && inner.uid !== undefined) return "zeek";
  }
  return undefined;
}
