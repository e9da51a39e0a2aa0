// A validated site-model document -> the compiled SiteModel (model.ts): ids resolved to objects, addresses
// canonicalised into maps and prefix tries, names normalised for joins. Every broken reference or conflicting
// claim (two assets with one IP, two zones with one network) is reported at its key path; the model is
// returned only when there are no errors.
import type { OtAction } from "../../../mappings/schema/canonical-event.ts";
import { normaliseHostName, normaliseMac } from "../identity/names.ts";
import { canonicalIp, parseCidr } from "../net/ip.ts";
import { createPrefixTrie } from "../net/prefix-trie.ts";
import { compileConduits, compileService, compileWindows, resolveWindowIds } from "./compile-conduits.ts";
import { compileIdentities } from "./compile-identities.ts";
import type { IssueSink } from "./issues.ts";
import { type Asset, type Conduit, conduitPairKey, type NatRange, type SiteModel, type Zone } from "./model.ts";
import type { SecurityLevelVector, SiteModelDocument } from "./schema.ts";

/** Actions that change what a controller runs or how: restricted to maintenance windows by default. */
export const DEFAULT_ENGINEERING_ACTIONS: readonly OtAction[] = [
  "program_download",
  "mode_change",
  "firmware",
  "restart",
  "config",
];

function slSummary(sl: SecurityLevelVector): number {
  return typeof sl === "number" ? sl : Math.max(0, ...Object.values(sl).filter((v) => v !== undefined));
}

function compileZones(doc: SiteModelDocument, sink: IssueSink) {
  const zones = new Map<string, Zone>();
  const zoneTrie = createPrefixTrie<Zone>();
  doc.zones.forEach((input, i) => {
    if (zones.has(input.id)) {
      sink.error(["zones", i, "id"], "duplicate_id", `zone id "${input.id}" is used twice`);
      return;
    }
    const zone: Zone = {
      id: input.id,
      name: input.name,
      level: input.purdue_level,
      kind: input.kind,
      slT: slSummary(input.sl_t),
      slTVector: input.sl_t,
      criticality: input.criticality,
      intraZone: input.intra_zone ?? doc.defaults?.intra_zone ?? "baseline_only",
      inventoried: input.inventoried ?? input.kind !== "external",
      networks: input.networks ?? [],
      input,
    };
    zones.set(zone.id, zone);
    input.networks?.forEach((cidr, j) => {
      const inserted = zoneTrie.insert(cidr, zone);
      if (!inserted.ok) sink.error(["zones", i, "networks", j], "bad_network", `"${cidr}" is not a valid CIDR`);
      else if (inserted.duplicateOf) {
        sink.error(
          ["zones", i, "networks", j],
          "duplicate_network",
          `${cidr} is already a network of zone ${inserted.duplicateOf.id}`,
        );
      }
    });
  });
  return { zones, zoneTrie };
}

function compileAssets(
  doc: SiteModelDocument,
  zones: ReadonlyMap<string, Zone>,
  zoneTrie: SiteModel["zoneTrie"],
  sink: IssueSink,
) {
  const assets = new Map<string, Asset>();
  const assetByIp = new Map<string, Asset>();
  const assetByMac = new Map<string, Asset>();
  const assetByEdrId = new Map<string, Asset>();
  const assetByHostName = new Map<string, Asset>();
  doc.assets?.forEach((input, i) => {
    const path = ["assets", i] as const;
    if (assets.has(input.id)) {
      sink.error([...path, "id"], "duplicate_id", `asset id "${input.id}" is used twice`);
      return;
    }
    const zone = zones.get(input.zone);
    if (!zone) {
      sink.error([...path, "zone"], "unknown_zone", `zone "${input.zone}" is not defined in zones`);
      return;
    }
    const asset: Asset = {
      id: input.id,
      name: input.name ?? input.id,
      zone,
      level: input.purdue_level ?? zone.level,
      role: input.role,
      ips: [],
      macs: [],
      edrIds: input.edr_ids ?? [],
      intermediateSystem: input.intermediate_system === true || input.role === "jump_host",
      input,
    };
    if (input.criticality) asset.criticality = input.criticality;
    if (input.vendor) asset.vendor = input.vendor;
    if (input.model) asset.model = input.model;
    if (input.attack_ics_asset) asset.attackIcsAsset = input.attack_ics_asset;
    if (input.services)
      asset.services = input.services.map((svc, k) => compileService(svc, [...path, "services", k], sink));
    assets.set(asset.id, asset);
    input.ips?.forEach((raw, j) => {
      const ip = canonicalIp(raw);
      if (ip === undefined) {
        sink.error([...path, "ips", j], "bad_ip", `"${raw}" is not an IP address`);
        return;
      }
      const other = assetByIp.get(ip);
      if (other) {
        sink.error([...path, "ips", j], "duplicate_ip", `${ip} is already an IP of asset ${other.id}`);
        return;
      }
      assetByIp.set(ip, asset);
      asset.ips.push(ip);
      const networkZone = zoneTrie.lookup(ip);
      if (zone.networks.length > 0 && networkZone !== zone && !input.dual_homed) {
        sink.warn(
          [...path, "ips", j],
          "ip_outside_zone",
          `${ip} is outside the networks of zone ${zone.id} (in ${networkZone?.id ?? "no zone"}); the asset's zone wins`,
        );
      }
    });
    input.macs?.forEach((raw, j) => {
      const mac = normaliseMac(raw)!;
      const other = assetByMac.get(mac);
      if (other) {
        sink.error([...path, "macs", j], "duplicate_mac", `${mac} is already a MAC of asset ${other.id}`);
        return;
      }
      assetByMac.set(mac, asset);
      asset.macs.push(mac);
    });
    input.edr_ids?.forEach((id, j) => {
      const other = assetByEdrId.get(id);
      if (other) {
        sink.error([...path, "edr_ids", j], "duplicate_edr_id", `EDR id ${id} is already asset ${other.id}'s`);
        return;
      }
      assetByEdrId.set(id, asset);
    });
    // Names are tie-breakers (data-formats.md C): a clash is worth a warning, not a failed load.
    const names = [input.name, ...(input.hostnames ?? []), input.ad_computer].filter((n): n is string => !!n);
    for (const name of new Set(names.map(normaliseHostName))) {
      const other = assetByHostName.get(name);
      if (other && other !== asset)
        sink.warn(
          [...path, "hostnames"],
          "duplicate_host_name",
          `host name ${name} also names asset ${other.id}; the first wins`,
        );
      else assetByHostName.set(name, asset);
    }
  });
  return { assets, assetByIp, assetByMac, assetByEdrId, assetByHostName };
}

function indexConduits(conduits: Conduit[]) {
  const byPair = new Map<string, Conduit[]>();
  const brokered = new Map<string, Conduit[]>();
  const add = (map: Map<string, Conduit[]>, key: string, c: Conduit) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  for (const c of conduits) {
    add(byPair, conduitPairKey(c.srcZone, c.dstZone), c);
    if (c.direction === "bidirectional" && c.srcZone !== c.dstZone)
      add(byPair, conduitPairKey(c.dstZone, c.srcZone), c);
    if (c.via) add(brokered, c.dstZone, c);
  }
  return { conduitsByZonePair: byPair, brokeredConduitsInto: brokered };
}

/** Compiles a schema-valid document; returns undefined when `sink` received errors. */
export function compileSiteModel(
  doc: SiteModelDocument,
  sink: IssueSink & { errors: unknown[] },
  file?: string,
): SiteModel | undefined {
  const { zones, zoneTrie } = compileZones(doc, sink);
  const assetMaps = compileAssets(doc, zones, zoneTrie, sink);
  const identityMaps = compileIdentities(doc, zones, sink);
  const windows = compileWindows(doc.maintenance_windows, doc.site.timezone, sink);
  const conduits = compileConduits(
    doc.conduits,
    { zones, assets: assetMaps.assets, identities: identityMaps.identities, windows },
    sink,
  );
  const unknownId = doc.defaults?.unknown_ip_zone;
  const unknownIpZone = unknownId === undefined ? undefined : zones.get(unknownId);
  if (unknownId !== undefined && !unknownIpZone) {
    sink.error(["defaults", "unknown_ip_zone"], "unknown_zone", `zone "${unknownId}" is not defined in zones`);
  }
  const natTrie = createPrefixTrie<NatRange>();
  doc.nat?.forEach((input, i) => {
    const range: NatRange = { id: input.id };
    if (input.asset !== undefined) {
      const asset = assetMaps.assets.get(input.asset);
      if (asset) range.asset = asset;
      else sink.error(["nat", i, "asset"], "unknown_asset", `asset "${input.asset}" is not defined in assets`);
    }
    input.networks.forEach((n, j) => {
      if (!parseCidr(n) || !natTrie.insert(n, range).ok)
        sink.error(["nat", i, "networks", j], "bad_network", `"${n}" is not an IP or CIDR`);
    });
  });
  const engineeringWindows = resolveWindowIds(
    doc.defaults?.engineering_windows,
    ["defaults", "engineering_windows"],
    windows,
    sink,
  );
  if (sink.errors.length > 0) return undefined;
  const model: SiteModel = {
    site: { id: doc.site.id, name: doc.site.name },
    defaults: {
      intraZone: doc.defaults?.intra_zone ?? "baseline_only",
      maxLevelJump: doc.defaults?.max_level_jump ?? 1,
      engineeringActions: new Set(doc.defaults?.engineering_actions ?? DEFAULT_ENGINEERING_ACTIONS),
      engineeringWindows,
      missingEvidence: doc.defaults?.missing_evidence ?? "ignore",
    },
    zones,
    ...assetMaps,
    ...identityMaps,
    windows,
    conduits,
    ...indexConduits(conduits),
    zoneTrie,
    natTrie,
    warnings: [],
  };
  if (file !== undefined) model.file = file;
  if (doc.site.timezone !== undefined) model.site.timezone = doc.site.timezone;
  if (unknownIpZone) model.defaults.unknownIpZone = unknownIpZone;
  return model;
}
