// The simulated plant: Purdue zones, assets with addresses and EDR identities, conduits, identities and
// maintenance windows. Built deterministically from the config and the seed; site-yaml.ts renders it as the
// site model gapwatch loads, so the traffic and the model always agree.
import type { SimulateConfig } from "./config.ts";
import { itAssets, otAssets } from "./plant-assets.ts";
import { plantConduits } from "./plant-conduits.ts";
import type { Random } from "./random.ts";

export type EdrFormat = "elastic" | "sysmon" | "crowdstrike" | "mde";
export type IcsProtocol = "modbus" | "s7comm" | "dnp3" | "enip";

export interface PlantZone {
  id: string;
  name: string;
  level: number;
  kind: string;
  slT: number;
  criticality: "low" | "medium" | "high" | "critical";
  networks: string[];
}

export interface PlantAsset {
  id: string;
  /** Short upper-case name as an inventory shows it, e.g. "EWS-01". */
  name: string;
  /** Lower-case host name as Windows reports it (no domain). */
  hostname: string;
  domain: string;
  zone: string;
  role: string;
  ip: string;
  mac: string;
  criticality: "low" | "medium" | "high" | "critical";
  /** The EDR on the host and the id that EDR gives it (Defend host.id, FDR aid, MDE DeviceId, agent.id). */
  edr?: { format: EdrFormat; id: string };
  /** ICS protocols the asset serves (controllers) or speaks (masters). */
  protocols: IcsProtocol[];
  /** Account normally logged on (user name without domain). */
  user?: string;
  vendor?: string;
  model?: string;
  attackIcsAsset?: string[];
  /** Systems a conduit requires to broker access (jump host, remote-access broker). */
  intermediate?: boolean;
}

export interface PlantService {
  app: string;
  ports: number[];
  transport?: "tcp" | "udp";
  functionsAllowed?: string[];
  functionsDenied?: string[];
}

export interface PlantConduit {
  id: string;
  name: string;
  srcZone: string;
  dstZone: string;
  allowedSrcAssets?: string[];
  allowedDstAssets?: string[];
  via?: string[];
  services: PlantService[];
  requireMfa?: boolean;
  windows?: string[];
  identities?: string[];
}

export interface PlantIdentity {
  id: string;
  kind: "human" | "vendor" | "service";
  accounts: string[];
  allowedZones?: string[];
}

export interface PlantWindow {
  id: string;
  rrule: string;
  durationMinutes: number;
}

export interface Plant {
  site: { id: string; name: string; timezone: string };
  zones: PlantZone[];
  assets: PlantAsset[];
  conduits: PlantConduit[];
  identities: PlantIdentity[];
  windows: PlantWindow[];
  /** Addresses outside the site used by the scenarios (vendor, attacker infrastructure): TEST-NET ranges. */
  external: { vendor: string; attacker: string; cloud: string[] };
}

export const zoneIds = {
  internet: "z-internet",
  corp: "z-corp",
  remote: "z-remote-access",
  dmz: "z-dmz",
  ops: "z-l3-ops",
  scada: "z-l2-scada",
  control: "z-l1-control",
  field: "z-l0-field",
} as const;

const zones: PlantZone[] = [
  {
    id: zoneIds.internet,
    name: "Internet",
    level: 5,
    kind: "external",
    slT: 0,
    criticality: "low",
    networks: ["0.0.0.0/0"],
  },
  {
    id: zoneIds.corp,
    name: "Corporate IT",
    level: 4,
    kind: "enterprise",
    slT: 1,
    criticality: "medium",
    networks: ["10.10.0.0/16"],
  },
  {
    id: zoneIds.remote,
    name: "Remote-access VPN pool",
    level: 3.5,
    kind: "remote_access",
    slT: 2,
    criticality: "high",
    networks: ["10.31.0.0/24"],
  },
  {
    id: zoneIds.dmz,
    name: "IT/OT DMZ",
    level: 3.5,
    kind: "dmz",
    slT: 2,
    criticality: "high",
    networks: ["10.30.0.0/24"],
  },
  {
    id: zoneIds.ops,
    name: "Site operations",
    level: 3,
    kind: "operations",
    slT: 2,
    criticality: "high",
    networks: ["10.40.0.0/24"],
  },
  {
    id: zoneIds.scada,
    name: "SCADA / HMI / EWS",
    level: 2,
    kind: "supervisory",
    slT: 3,
    criticality: "critical",
    networks: ["10.50.0.0/24"],
  },
  {
    id: zoneIds.control,
    name: "Basic control (PLCs/RTUs)",
    level: 1,
    kind: "process",
    slT: 3,
    criticality: "critical",
    networks: ["10.60.0.0/24"],
  },
  {
    id: zoneIds.field,
    name: "Field I/O",
    level: 0,
    kind: "process",
    slT: 3,
    criticality: "critical",
    networks: ["10.70.0.0/24"],
  },
];

export function buildPlant(config: SimulateConfig, random: Random): Plant {
  const assets = [...itAssets(config, random.fork("it")), ...otAssets(config.plant, random.fork("ot"))];
  const ids = (role: string) => assets.filter((a) => a.role === role).map((a) => a.id);
  const conduits = plantConduits(ids);
  const identities: PlantIdentity[] = [
    {
      id: "alice",
      kind: "human",
      accounts: ["CORP\\alice", "OT\\alice.adm", "alice@corp.example"],
      allowedZones: [zoneIds.dmz, zoneIds.scada],
    },
    { id: "bob", kind: "human", accounts: ["CORP\\bob", "OT\\bob.adm"], allowedZones: [zoneIds.dmz, zoneIds.scada] },
    {
      id: "carol",
      kind: "human",
      accounts: ["CORP\\carol", "OT\\carol.adm"],
      allowedZones: [zoneIds.dmz, zoneIds.scada],
    },
    { id: "acme-vendor", kind: "vendor", accounts: ["RAB\\acme01"], allowedZones: [zoneIds.scada] },
    { id: "operator", kind: "human", accounts: ["OT\\operator"], allowedZones: [zoneIds.scada] },
  ];
  const windows: PlantWindow[] = [
    { id: "mw-weekly", rrule: "DTSTART:20250105T020000\nRRULE:FREQ=WEEKLY;BYDAY=SU", durationMinutes: 240 },
  ];
  return {
    site: { id: config.site.id, name: config.site.name, timezone: "America/Chicago" },
    zones,
    assets,
    conduits,
    identities,
    windows,
    external: {
      vendor: "198.51.100.23",
      attacker: "203.0.113.66",
      cloud: ["52.96.10.20", "142.250.74.36", "20.190.151.7", "151.101.1.69"],
    },
  };
}

/** Lookups the generators need over and over. */
export interface PlantIndex {
  plant: Plant;
  byId: Map<string, PlantAsset>;
  byRole: (role: string) => PlantAsset[];
  get: (id: string) => PlantAsset;
  zoneOf: (asset: PlantAsset) => PlantZone;
}

export function indexPlant(plant: Plant): PlantIndex {
  const byId = new Map(plant.assets.map((a) => [a.id, a]));
  const roles = new Map<string, PlantAsset[]>();
  for (const asset of plant.assets) roles.set(asset.role, [...(roles.get(asset.role) ?? []), asset]);
  const zones = new Map(plant.zones.map((z) => [z.id, z]));
  return {
    plant,
    byId,
    byRole: (role) => roles.get(role) ?? [],
    get: (id) => {
      const asset = byId.get(id);
      if (!asset) throw new Error(`simulated plant has no asset ${id}`);
      return asset;
    },
    zoneOf: (asset) => zones.get(asset.zone)!,
  };
}
