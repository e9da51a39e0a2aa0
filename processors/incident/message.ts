// One sentence an analyst understands at a glance: severity, rule, who reached what (asset, zone, level), how,
// how often and when. Used for `event.reason` always and for `message` when the rule produced none.
import type { Incident } from "../../detections/shared/incident.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";

function describeEndpoint(endpoint: CanonicalEvent["source"], site: NonNullable<CanonicalEvent["site"]>["source"]) {
  const name = site?.asset?.name ?? site?.host?.name ?? endpoint?.ip ?? "an unknown host";
  const details: string[] = [];
  if (endpoint?.ip && endpoint.ip !== name) details.push(endpoint.ip);
  if (site?.zone) details.push(`zone ${site.zone.id}, level ${site.level ?? site.zone.level}`);
  if (site?.unknown_asset) details.push("not in the asset inventory");
  return details.length > 0 ? `${name} (${details.join(", ")})` : name;
}

function timeOfDay(iso: string): string {
  return iso.replace(/^\d{4}-\d{2}-\d{2}T/, "").replace(/\.\d+/, "");
}

function readable(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+/, "");
}

export function describeIncident(incident: Incident, flow: CanonicalEvent | undefined, hostName?: string): string {
  const severity = incident.severity[0]!.toUpperCase() + incident.severity.slice(1);
  const parts: string[] = [`${severity} incident "${incident.rule.name}"`];
  if (flow) {
    const how = flow.ot
      ? ` with a ${flow.ot.protocol} ${flow.ot.action}`
      : flow.network?.protocol
        ? ` over ${flow.network.protocol}`
        : "";
    parts.push(
      `: ${describeEndpoint(flow.source, flow.site?.source)} reached ${describeEndpoint(flow.destination, flow.site?.destination)}${how}`,
    );
  } else if (hostName) {
    parts.push(` on ${hostName}`);
  } else {
    parts.push(` for ${incident.key}`);
  }
  if (incident.path.length > 1) {
    const hops = incident.path.map((hop) => hop.host.name ?? hop.host.ip ?? hop.host.id ?? "?");
    parts.push(` after a pivot ${hops.join(" → ")}`);
  }
  const events = incident.count === 1 ? "1 event" : `${incident.count} events`;
  const window =
    incident.first_seen === incident.last_seen
      ? `at ${readable(incident.first_seen)}`
      : `between ${readable(incident.first_seen)} and ${
          incident.first_seen.slice(0, 10) === incident.last_seen.slice(0, 10)
            ? timeOfDay(incident.last_seen)
            : readable(incident.last_seen)
        }`;
  parts.push(`; ${events} ${window}.`);
  return parts.join("");
}
