// One hop of a pivot path from the event that reached it: the host as the EDR or the site model knows it,
// its zone, and how it was reached. Shared by the sequence and path kinds.
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { PathHop } from "./incident.ts";

/** The hop for the acting side of an event: the EDR host, else the (enriched) source endpoint. */
export function sourceHop(event: CanonicalEvent, via: string): PathHop {
  const site = event.site?.source;
  const host: PathHop["host"] = {};
  const id = event.host?.id ?? site?.host?.id;
  const name = event.host?.name ?? site?.host?.name ?? site?.asset?.name;
  const ip = event.observer.type === "edr" ? event.host?.ip?.[0] : (event.source?.ip ?? event.host?.ip?.[0]);
  if (id) host.id = id;
  if (name) host.name = name;
  if (ip) host.ip = ip;
  const hop: PathHop = { "@timestamp": event["@timestamp"], host, via };
  const zone = event.observer.type === "edr" ? undefined : site?.zone;
  if (zone) hop.zone = { id: zone.id, level: zone.level };
  return hop;
}

/** The hop for the receiving side of an event (the next host of a connection or session). */
export function destinationHop(event: CanonicalEvent, via: string): PathHop {
  const site = event.site?.destination;
  const host: PathHop["host"] = {};
  const id = site?.host?.id ?? (event.observer.type === "edr" && event.winlog ? event.host?.id : undefined);
  const name = site?.host?.name ?? site?.asset?.name ?? (event.winlog ? event.host?.name : undefined);
  const ip = event.destination?.ip;
  if (id) host.id = id;
  if (name) host.name = name;
  if (ip) host.ip = ip;
  const hop: PathHop = { "@timestamp": event["@timestamp"], host, via };
  if (site?.zone) hop.zone = { id: site.zone.id, level: site.zone.level };
  return hop;
}

/** A short label for how a hop was made: "modbus/write", "rdp", "alert". */
export function viaOf(event: CanonicalEvent): string {
  if (event.ot) return `${event.ot.protocol}/${event.ot.action}`;
  if (event.event.kind === "alert") return "edr_alert";
  if (event.winlog?.logon?.type) return `logon/${event.winlog.logon.type}`;
  return event.network?.protocol ?? event.event.action ?? event.event.dataset;
}
