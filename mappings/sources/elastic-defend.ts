// Elastic Defend (Elastic Endpoint): native ECS (`logs-endpoint.events.{process,network,security,...}` and
// `logs-endpoint.alerts-*` with event.kind "alert"), plus detection-engine alerts (event.kind "signal",
// details under kibana.alert.*). Mostly a copy with types enforced; host.ip loses loopback/link-local.
import type { CanonicalEvent } from "../schema/canonical-event.ts";
import { ecsEndpoint, ecsHost, ecsNetwork, ecsProcess, ecsRuleAndThreat, ecsUser, stringArray } from "./shared/ecs.ts";
import { newEvent } from "./shared/event.ts";
import { fromIso } from "./shared/time.ts";
import { at2, at3, num, path, str, unflatten, uniq, withUniq } from "./shared/values.ts";
import { logonTypeName } from "./shared/windows.ts";
import type { JsonObject, NormaliseContext, NormaliseResult } from "./types.ts";

const KINDS = new Set(["event", "alert", "signal", "metric", "state"]);

export function normaliseElasticDefend(input: JsonObject, context: NormaliseContext): NormaliseResult {
  const doc = unflatten(input);
  const time = fromIso(doc["@timestamp"], "@timestamp");
  if (!time.ok) return time;
  const kindRaw = str(at2(doc, "event", "kind")) ?? "event";
  const kind = (KINDS.has(kindRaw) ? kindRaw : "event") as CanonicalEvent["event"]["kind"];
  const dataset = str(at2(doc, "event", "dataset")) ?? str(at2(doc, "data_stream", "dataset")) ?? "endpoint.events";
  const event = newEvent(context, {
    timestamp: time.value,
    format: "elastic-defend",
    schema: `ecs-${str(at2(doc, "ecs", "version")) ?? "unknown"}:${dataset}`,
    dataset,
    kind,
    category: stringArray(at2(doc, "event", "category")) ?? (kind === "event" ? ["host"] : ["intrusion_detection"]),
    type: stringArray(at2(doc, "event", "type")),
    action: str(at2(doc, "event", "action")),
    observer: { type: "edr", vendor: "Elastic", product: "Elastic Defend" },
  });
  const id = str(at2(doc, "event", "id"));
  if (id) event.event.id = id;
  const code = str(at2(doc, "event", "code"));
  if (code) event.event.code = code;
  const outcome = str(at2(doc, "event", "outcome"));
  if (outcome === "success" || outcome === "failure" || outcome === "unknown") event.event.outcome = outcome;
  const severity = num(at2(doc, "event", "severity")) ?? num(at3(doc, "kibana", "alert", "severity"));
  if (severity !== undefined) event.event.severity = severity;
  const risk = num(at2(doc, "event", "risk_score")) ?? num(at3(doc, "kibana", "alert", "risk_score"));
  if (risk !== undefined) event.event.risk_score = risk;
  const host = ecsHost(doc);
  if (host) event.host = host;
  const source = ecsEndpoint(doc, "source");
  const destination = ecsEndpoint(doc, "destination");
  if (source) event.source = source;
  if (destination) event.destination = destination;
  const network = ecsNetwork(doc);
  if (network) event.network = network;
  const process = ecsProcess(doc);
  if (process) event.process = process;
  const user = ecsUser(doc);
  if (user) event.user = user;
  const logonType = logonTypeName(
    at3(doc, "winlog", "logon", "type") ?? path(doc, "process.Ext.session_info.logon_type"),
  );
  if (logonType) event.winlog = { logon: { type: logonType } };
  ecsRuleAndThreat(doc, event);
  const related = relatedIps(source?.ip, destination?.ip, stringArray(at2(doc, "related", "ip")));
  const relatedUser = uniq(user?.name);
  if (related || relatedUser)
    event.related =
      related && relatedUser ? { ip: related, user: relatedUser } : related ? { ip: related } : { user: relatedUser };
  return { ok: true, events: [event] };
}

/** `uniq(source, destination, ...listed)` without spreading the list into arguments. */
function relatedIps(
  source: string | undefined,
  destination: string | undefined,
  listed: string[] | undefined,
): string[] | undefined {
  let out = withUniq(withUniq(undefined, source), destination);
  if (listed !== undefined) for (let i = 0; i < listed.length; i++) out = withUniq(out, listed[i]);
  return out;
}
