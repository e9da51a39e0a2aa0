// Renders the simulated plant as the site model gapwatch loads (zones, assets, identities, maintenance
// windows, conduits: ARCHITECTURE.md section 3), in the key style of the project's site-model schema.
import { stringify } from "yaml";
import type { Plant, PlantAsset, PlantConduit, PlantService } from "./plant.ts";

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

function asset(a: PlantAsset) {
  return compact({
    id: a.id,
    name: a.name,
    zone: a.zone,
    role: a.role,
    criticality: a.criticality,
    ips: [a.ip],
    macs: [a.mac],
    edr_ids: a.edr ? [a.edr.id] : undefined,
    hostnames: [a.hostname, `${a.hostname}.${a.domain}`],
    ad_domain: a.edr ? a.domain : undefined,
    vendor: a.vendor,
    model: a.model,
    attack_ics_asset: a.attackIcsAsset,
    intermediate_system: a.intermediate ? true : undefined,
  });
}

function service(s: PlantService) {
  return compact({
    app: s.app,
    transport: s.transport,
    ports: s.ports,
    functions_allowed: s.functionsAllowed,
    functions_denied: s.functionsDenied,
  });
}

function conduit(c: PlantConduit) {
  return compact({
    id: c.id,
    name: c.name,
    src_zone: c.srcZone,
    dst_zone: c.dstZone,
    allowed_src_assets: c.allowedSrcAssets,
    allowed_dst_assets: c.allowedDstAssets,
    via: c.via,
    services: c.services.map(service),
    require: c.requireMfa ? { mfa: true } : undefined,
    windows: c.windows,
    identities: c.identities,
  });
}

export function siteDocument(plant: Plant): Record<string, unknown> {
  return {
    schema_version: "0.1",
    site: { id: plant.site.id, name: plant.site.name, timezone: plant.site.timezone, sector: "water" },
    defaults: { intra_zone: "baseline_only", max_level_jump: 1 },
    zones: plant.zones.map((z) => ({
      id: z.id,
      name: z.name,
      purdue_level: z.level,
      kind: z.kind,
      sl_t: z.slT,
      criticality: z.criticality,
      networks: z.networks,
    })),
    assets: plant.assets.map(asset),
    identities: plant.identities.map((i) =>
      compact({ id: i.id, kind: i.kind, accounts: i.accounts, allowed_zones: i.allowedZones }),
    ),
    maintenance_windows: plant.windows.map((w) => ({ id: w.id, rrule: w.rrule, duration_minutes: w.durationMinutes })),
    conduits: plant.conduits.map(conduit),
  };
}

export function siteYaml(plant: Plant): string {
  const header = `# Site model of the simulated plant "${plant.site.name}" (gapwatch simulate). Fictional; RFC 1918 and\n# documentation address space only. Load it with: gapwatch replay <records> --site <this file>\n`;
  return header + stringify(siteDocument(plant), { lineWidth: 140 });
}
