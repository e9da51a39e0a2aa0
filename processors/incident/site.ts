// Who crossed into what: the principal flow of an incident (its ECS source/destination), the IT-side host, the
// zone crossings along the pivot path, and the related.* lists. Pure functions over the incident's evidence.
import ipaddr from "ipaddr.js";
import type { PathHop } from "../../detections/shared/incident.ts";
import type { CanonicalEvent, SiteEndpoint } from "../../mappings/schema/canonical-event.ts";
import type { SiteSide } from "./schema.ts";

/** Purdue level from which a zone counts as IT (3.5 is the IT/OT DMZ). */
export const IT_MIN_LEVEL = 3.5;
const RELATED_MAX = 100;

/**
 * The flow the incident is about: of the evidence events with a destination, the one reaching the lowest Purdue
 * level (deepest into OT); the latest such event on ties. Undefined when no evidence has a destination.
 */
export function principalFlow(evidence: readonly CanonicalEvent[]): CanonicalEvent | undefined {
  let best: CanonicalEvent | undefined;
  let bestLevel = Number.POSITIVE_INFINITY;
  for (const event of evidence) {
    if (!event.destination?.ip) continue;
    const level = event.site?.destination?.level ?? event.site?.destination?.zone?.level ?? Number.MAX_SAFE_INTEGER;
    if (level <= bestLevel) {
      best = event;
      bestLevel = level;
    }
  }
  return best;
}

/** The IT-side host: the latest EDR event's host, else the host leased to the flow's source, else the first hop. */
export function itHost(
  evidence: readonly CanonicalEvent[],
  flow: CanonicalEvent | undefined,
  path: readonly PathHop[],
): CanonicalEvent["host"] | undefined {
  for (let i = evidence.length - 1; i >= 0; i--) {
    const event = evidence[i]!;
    if (event.observer.type === "edr" && event.host && (event.host.name || event.host.id)) return event.host;
  }
  const leased = flow?.site?.source?.host;
  if (leased) return { id: leased.id, ...(leased.name ? { name: leased.name } : {}) };
  const first = path[0]?.host;
  if (first && (first.id || first.name)) {
    return {
      ...(first.id ? { id: first.id } : {}),
      ...(first.name ? { name: first.name } : {}),
      ...(first.ip ? { ip: [first.ip] } : {}),
    };
  }
  return undefined;
}

export function siteSide(endpoint: SiteEndpoint | undefined): SiteSide | undefined {
  if (!endpoint) return undefined;
  const side: SiteSide = {};
  if (endpoint.asset) {
    const { id, name, role, criticality, vendor, model, attack_ics_asset } = endpoint.asset;
    side.asset = {
      id,
      name,
      role,
      ...(criticality ? { criticality } : {}),
      ...(vendor ? { vendor } : {}),
      ...(model ? { model } : {}),
      ...(attack_ics_asset?.length ? { attack_ics_asset } : {}),
    };
  }
  if (endpoint.zone) {
    const { id, name, level, kind, sl_t, criticality } = endpoint.zone;
    side.zone = {
      id,
      name,
      level,
      kind,
      ...(sl_t !== undefined ? { sl_t } : {}),
      ...(criticality ? { criticality } : {}),
    };
  }
  const level = endpoint.level ?? endpoint.zone?.level;
  if (level !== undefined) side.level = level;
  if (endpoint.unknown_asset !== undefined) side.unknown_asset = endpoint.unknown_asset;
  if (endpoint.host) {
    const { id, name, via } = endpoint.host;
    side.host = { id, via, ...(name ? { name } : {}) };
  }
  if (endpoint.identity) side.identity = endpoint.identity;
  return Object.keys(side).length > 0 ? side : undefined;
}

export interface Crossings {
  zone_crossings: string[];
  it_ot_crossing?: string;
}

/** Zone changes along the path (or the principal flow's own); the first IT→OT one is singled out. */
export function zoneCrossings(path: readonly PathHop[], flow: CanonicalEvent | undefined): Crossings {
  const points: { id: string; level: number }[] = [];
  const add = (zone: { id: string; level: number } | undefined) => {
    if (zone && points.at(-1)?.id !== zone.id) points.push({ id: zone.id, level: zone.level });
  };
  for (const hop of path) add(hop.zone);
  // The path already ends at the flow's destination; without a path the flow itself is the crossing.
  if (points.length < 2) {
    points.length = 0;
    add(flow?.site?.source?.zone);
    add(flow?.site?.destination?.zone);
  }
  const result: Crossings = { zone_crossings: [] };
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    const pair = `${from.id} → ${to.id}`;
    if (!result.zone_crossings.includes(pair)) result.zone_crossings.push(pair);
    if (!result.it_ot_crossing && from.level >= IT_MIN_LEVEL && to.level < IT_MIN_LEVEL) result.it_ot_crossing = pair;
  }
  return result;
}

export interface Related {
  ip: string[];
  hosts: string[];
  user: string[];
}

export function relatedOf(evidence: readonly CanonicalEvent[], path: readonly PathHop[]): Related {
  const ip = new Set<string>();
  const hosts = new Set<string>();
  const user = new Set<string>();
  const addTo = (set: Set<string>, value: string | undefined) => {
    if (value && set.size < RELATED_MAX) set.add(value);
  };
  for (const hop of path) {
    addTo(ip, hop.host.ip);
    addTo(hosts, hop.host.name);
  }
  for (const event of evidence) {
    for (const value of event.host?.ip ?? []) addTo(ip, value);
    addTo(ip, event.source?.ip);
    addTo(ip, event.destination?.ip);
    addTo(hosts, event.host?.name);
    addTo(hosts, event.host?.hostname);
    addTo(hosts, event.site?.source?.host?.name);
    addTo(hosts, event.site?.destination?.host?.name);
    addTo(user, event.user?.name);
    addTo(user, event.site?.source?.identity);
  }
  // related.ip of a source record is an unvalidated string; the `ip` mapping would reject the whole document.
  for (const value of evidence.flatMap((event) => event.related?.ip ?? [])) if (isIp(value)) addTo(ip, value);
  return { ip: [...ip], hosts: [...hosts], user: [...user] };
}

/** Strict: dotted-quad IPv4 or IPv6 (ipaddr.isValid alone also accepts forms like "127.1"). */
function isIp(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value);
}
