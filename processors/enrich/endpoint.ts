// One endpoint of an event resolved against the site model and the lease table: asset (exact IP, else the
// NAT device owning a translated address, else the EDR host holding the IP at that time, else MAC where the
// zone allows MAC fallback), zone (asset's zone for an inventoried IP, else longest-prefix network, else the
// site's unknown_ip_zone), inventory drift, and the EDR host behind the IP.
import type { SiteEndpoint } from "../../mappings/schema/canonical-event.ts";
import type { FlowEndpoint } from "./conduit/evaluate.ts";
import { normaliseHostName, normaliseMac } from "./identity/names.ts";
import type { IdentityTable, ResolvedHost } from "./identity/table.ts";
import { canonicalIp, formatIp, type ParsedIp, parseIp, parseIpv4 } from "./net/ip.ts";
import type { Asset, SiteModel, Zone } from "./site/model.ts";

export interface ResolvedEndpoint {
  site: SiteEndpoint;
  flow: FlowEndpoint;
}

// The event form of an asset or zone is the same for every event: built once per model object and frozen,
// so events share it without one consumer's edit leaking into another's event.
const assetForms = new WeakMap<Asset, NonNullable<SiteEndpoint["asset"]>>();
const zoneForms = new WeakMap<Zone, NonNullable<SiteEndpoint["zone"]>>();

export function describeAsset(asset: Asset): NonNullable<SiteEndpoint["asset"]> {
  let out = assetForms.get(asset);
  if (!out) {
    out = { id: asset.id, name: asset.name, role: asset.role };
    if (asset.criticality) out.criticality = asset.criticality;
    if (asset.vendor) out.vendor = asset.vendor;
    if (asset.model) out.model = asset.model;
    if (asset.attackIcsAsset) out.attack_ics_asset = Object.freeze([...asset.attackIcsAsset]) as string[];
    assetForms.set(asset, Object.freeze(out));
  }
  return out;
}

export function describeZone(zone: Zone): NonNullable<SiteEndpoint["zone"]> {
  let out = zoneForms.get(zone);
  if (!out) {
    out = Object.freeze({
      id: zone.id,
      name: zone.name,
      level: zone.level,
      kind: zone.kind,
      sl_t: zone.slT,
      criticality: zone.criticality,
    });
    zoneForms.set(zone, out);
  }
  return out;
}

export function toSiteEndpoint(asset: Asset | undefined, zone: Zone | undefined, unknownAsset: boolean): SiteEndpoint {
  const out: SiteEndpoint = {};
  if (asset) out.asset = describeAsset(asset);
  if (zone) {
    out.zone = describeZone(zone);
    out.level = asset?.level ?? zone.level;
    out.unknown_asset = unknownAsset;
  }
  return out;
}

function staticLease(asset: Asset): ResolvedHost | undefined {
  const id = asset.edrIds[0];
  return id === undefined ? undefined : { id, name: asset.name, via: "site" };
}

/** The inventoried asset (exact IP) and zone of an address: one Map get, else one prefix-trie walk. */
export function locateAddress(site: SiteModel, ip: string): { asset?: Asset; zone?: Zone } {
  // Most addresses arrive in canonical form: try the string as it is before canonicalising it.
  const direct = site.assetByIp.get(ip);
  if (direct) return { asset: direct, zone: direct.zone };
  const n = parseIpv4(ip);
  let zone: Zone | undefined;
  if (n >= 0) zone = site.zoneTrie.lookupIpv4(n);
  else {
    const parsed = parseIp(ip);
    if (!parsed) return {};
    const asset = site.assetByIp.get(formatIp(parsed));
    if (asset) return { asset, zone: asset.zone };
    zone = site.zoneTrie.lookupParsed(parsed);
  }
  zone ??= site.defaults.unknownIpZone;
  return zone ? { zone } : {};
}

/** Parses once: the canonical key of the address (its map key) and its parsed form (for the tries). */
function addressOf(ip: string): { key: string; parsed: ParsedIp } | undefined {
  const n = parseIpv4(ip);
  if (n >= 0) return { key: ip, parsed: { v: 4, n } };
  const parsed = parseIp(ip);
  return parsed ? { key: formatIp(parsed), parsed } : undefined;
}

/** Resolves a network endpoint (an IP seen in a flow) at event time. */
export function resolveAddress(
  site: SiteModel,
  identity: IdentityTable,
  ip: string,
  mac: string | undefined,
  timeMs: number,
): ResolvedEndpoint {
  const address = addressOf(ip);
  if (!address) return { site: {}, flow: { unknownAsset: false } };
  const { key, parsed } = address;
  let asset = site.assetByIp.get(key);
  // A dual-homed asset (jump host, EWS with an IT and an OT leg) is in the zone of the network the address is in.
  let zone = asset?.input.dual_homed ? (site.zoneTrie.lookupParsed(parsed) ?? asset.zone) : asset?.zone;
  let host: ResolvedHost | undefined;
  if (!asset) {
    const networkZone = site.zoneTrie.lookupParsed(parsed) ?? site.defaults.unknownIpZone;
    zone = networkZone;
    const nat = site.natTrie.lookupParsed(parsed);
    if (nat?.asset) asset = nat.asset;
    else if (!nat) {
      host = identity.resolve(key, timeMs);
      // A DHCP host: not in the inventory by IP, but the EDR host holding the IP is (by EDR id). Its zone is
      // where the address is now, not where the inventory put it.
      if (host) {
        asset = site.assetByEdrId.get(host.id);
        zone = networkZone ?? asset?.zone;
      }
    }
  } else if (!site.natTrie.lookupParsed(parsed)) {
    // Learned leases first (the address may have moved); else the inventory's static EDR id for the asset.
    host = identity.resolve(key, timeMs) ?? staticLease(asset);
  }
  // The sensor sees this zone's MACs (mac_fallback): a MAC names the device, or the EDR host behind it.
  if (mac && zone?.input.mac_fallback && (!asset || !host)) {
    const m = normaliseMac(mac);
    if (m !== undefined) {
      asset ??= site.assetByMac.get(m);
      host ??= identity.resolve(`mac:${m}`, timeMs, site);
      if (!asset && host) asset = site.assetByEdrId.get(host.id);
    }
  }
  const unknownAsset = !asset && zone?.inventoried === true;
  const endpoint = toSiteEndpoint(asset, zone, unknownAsset);
  if (host) {
    endpoint.host =
      host.name === undefined ? { id: host.id, via: host.via } : { id: host.id, name: host.name, via: host.via };
  }
  const flow: FlowEndpoint = { unknownAsset };
  if (zone) flow.zone = zone;
  if (asset) flow.asset = asset;
  return { site: endpoint, flow };
}

/** The inventoried asset of an EDR event's own host: by EDR id, else host name, else any of its IPs. */
export function assetOfEdrHost(site: SiteModel, host: EdrHost): Asset | undefined {
  if (host.id !== undefined) {
    const byId = site.assetByEdrId.get(host.id);
    if (byId) return byId;
  }
  for (const name of [host.name, host.hostname]) {
    const byName = name === undefined ? undefined : site.assetByHostName.get(normaliseHostName(name));
    if (byName) return byName;
  }
  for (const ip of host.ip ?? []) {
    const key = canonicalIp(ip);
    const byIp = key === undefined ? undefined : site.assetByIp.get(key);
    if (byIp) return byIp;
  }
  return undefined;
}

type EdrHost = { id?: string; name?: string; hostname?: string; ip?: string[] };

/** The EDR event's own host as an endpoint: its asset, and the asset's zone or the zone of its first zoned IP. */
export function resolveOwnHost(site: SiteModel, host: EdrHost): ResolvedEndpoint {
  const asset = assetOfEdrHost(site, host);
  let zone = asset?.zone;
  if (!zone) {
    for (const ip of host.ip ?? []) {
      const parsed = parseIp(ip);
      zone = parsed ? site.zoneTrie.lookupParsed(parsed) : undefined;
      if (zone) break;
    }
    zone ??= site.defaults.unknownIpZone;
  }
  const unknownAsset = !asset && zone?.inventoried === true;
  const flow: FlowEndpoint = { unknownAsset };
  if (zone) flow.zone = zone;
  if (asset) flow.asset = asset;
  return { site: toSiteEndpoint(asset, zone, unknownAsset), flow };
}
