// The compiled site model: what the enrich stage and the conduit evaluator read. Built once per (re)load by
// compile.ts from a validated document; immutable afterwards, so a reload swaps one reference and events in
// flight keep a consistent view. Every lookup an event needs is a Map get or a prefix-trie walk.
import type { OtAction } from "../../../mappings/schema/canonical-event.ts";
import type { PrefixTrie } from "../net/prefix-trie.ts";
import type {
  AssetInput,
  ConduitInput,
  Criticality,
  IdentityInput,
  SecurityLevelVector,
  ServiceApp,
  ZoneInput,
} from "./schema.ts";
import type { MaintenanceWindow } from "./windows.ts";

export type IntraZonePolicy = "allow" | "baseline_only" | "deny";

export interface Zone {
  id: string;
  name: string;
  level: number;
  kind: ZoneInput["kind"];
  /** One number for event fields and rules: the integer SL-T, or the highest FR of a per-FR vector. */
  slT: number;
  slTVector: SecurityLevelVector;
  criticality: Criticality;
  intraZone: IntraZonePolicy;
  /** Whether an IP of this zone missing from the inventory is drift (false for the internet and the like). */
  inventoried: boolean;
  networks: string[];
  input: ZoneInput;
}

export interface Asset {
  id: string;
  name: string;
  zone: Zone;
  /** The asset's Purdue level: its own override, else its zone's. */
  level: number;
  role: AssetInput["role"];
  criticality?: Criticality;
  vendor?: string;
  model?: string;
  attackIcsAsset?: string[];
  ips: string[];
  macs: string[];
  edrIds: string[];
  /** What the asset legitimately serves; absent when the inventory does not say. */
  services?: CompiledService[];
  intermediateSystem: boolean;
  input: AssetInput;
}

export interface Identity {
  id: string;
  kind: IdentityInput["kind"];
  allowedZones?: ReadonlySet<string>;
  input: IdentityInput;
}

/** A service with its function lists normalised for matching (see functions.ts). */
export interface CompiledService {
  app: ServiceApp;
  transport?: string;
  /** Inclusive [low, high] port ranges; absent = any port. */
  ports?: [number, number][];
  functionsAllowed?: ReadonlySet<string>;
  functionsDenied?: ReadonlySet<string>;
  actionsAllowed?: ReadonlySet<OtAction>;
  actionsDenied?: ReadonlySet<OtAction>;
}

export interface Conduit {
  id: string;
  name?: string;
  srcZone: string;
  dstZone: string;
  direction: "src_to_dst" | "bidirectional" | "unidirectional_diode";
  services: CompiledService[];
  allowedSrcAssets?: ReadonlySet<string>;
  allowedDstAssets?: ReadonlySet<string>;
  via?: ReadonlySet<string>;
  requireMfa: boolean;
  requireTicket: boolean;
  windows: MaintenanceWindow[];
  windowScope: "all" | "engineering";
  identities?: ReadonlySet<string>;
  input: ConduitInput;
}

export interface NatRange {
  id: string;
  asset?: Asset;
}

export interface SiteModel {
  /** The file it came from, for messages; absent when parsed from a string. */
  file?: string;
  site: { id: string; name: string; timezone?: string };
  defaults: {
    unknownIpZone?: Zone;
    intraZone: IntraZonePolicy;
    maxLevelJump: number;
    engineeringActions: ReadonlySet<OtAction>;
    engineeringWindows: MaintenanceWindow[];
    missingEvidence: "ignore" | "violation";
  };
  zones: ReadonlyMap<string, Zone>;
  assets: ReadonlyMap<string, Asset>;
  identities: ReadonlyMap<string, Identity>;
  windows: ReadonlyMap<string, MaintenanceWindow>;
  conduits: readonly Conduit[];
  /** Conduits by "srcZone dstZone" (both orders for bidirectional ones). */
  conduitsByZonePair: ReadonlyMap<string, readonly Conduit[]>;
  /** Conduits with `via` by destination zone: what a flow into that zone skipped when it did not come via them. */
  brokeredConduitsInto: ReadonlyMap<string, readonly Conduit[]>;
  zoneTrie: PrefixTrie<Zone>;
  natTrie: PrefixTrie<NatRange>;
  /** Keys are canonical IPs (net/ip.ts canonicalIp). */
  assetByIp: ReadonlyMap<string, Asset>;
  /** Keys are lower-case colon MACs. */
  assetByMac: ReadonlyMap<string, Asset>;
  assetByEdrId: ReadonlyMap<string, Asset>;
  /** Keys are normalised host names (identity/names.ts normaliseHostName). */
  assetByHostName: ReadonlyMap<string, Asset>;
  /** Keys are normalised accounts (identity/accounts.ts accountKey). */
  identityByAccount: ReadonlyMap<string, Identity>;
  /** Bare user name -> identity, only for names that belong to exactly one identity. */
  identityByUserName: ReadonlyMap<string, Identity>;
  /** NetBIOS domain (lower case) -> DNS domain (lower case). */
  dnsDomainOf: ReadonlyMap<string, string>;
  /** Problems that do not stop the model from loading (e.g. an asset IP outside its zone's networks). */
  warnings: SiteModelIssue[];
}

export interface SiteModelIssue {
  code: string;
  message: string;
  /** Dotted key path in the document, e.g. "conduits[2].via[0]". */
  path: string;
  file?: string;
  line?: number;
  column?: number;
}

export function conduitPairKey(srcZone: string, dstZone: string): string {
  return `${srcZone} ${dstZone}`;
}

export function describeSiteModel(model: SiteModel): string {
  return `${model.site.id}: ${model.zones.size} zones, ${model.assets.size} assets, ${model.conduits.length} conduits, ${model.identities.size} identities, ${model.windows.size} maintenance windows`;
}
