// The site-model file format (YAML): IEC 62443 zones and conduits, Purdue levels, assets, identities and
// maintenance windows. Strict objects everywhere, so a misspelt key is an error with its line, not a silently
// ignored policy. Cross-references (zone/asset/window/identity ids) are checked in cross-references.ts,
// address syntax in compile.ts; this file is only the shape. mappings/site/README.md documents every field.
import { z } from "zod";
import { OtAction } from "../../../mappings/schema/canonical-event.ts";
import { AssetRoleInput, ServiceApp, ZoneKind } from "./vocabulary.ts";

export { AssetRole, ServiceApp, ZoneKind } from "./vocabulary.ts";

export const SITE_MODEL_VERSIONS = ["0.1", "1"] as const;

const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, "ids are 2-64 characters: lower-case letters, digits, '.', '_' or '-'");
const Text = z.string().min(1);

/** Purdue level: 0 process I/O, 1 basic control, 2 supervisory, 3 operations, 3.5 IT/OT DMZ, 4 enterprise, 5 external. */
export const PurdueLevel = z.literal([0, 1, 2, 3, 3.5, 4, 5]);
const SecurityLevel = z.number().int().min(0).max(4);
/** IEC 62443-3-3 SL, either one integer or one per foundational requirement (FR1 IAC .. FR7 RA). */
export const SecurityLevelVector = z.union(
  [
    SecurityLevel,
    z.strictObject({
      IAC: SecurityLevel.optional(),
      UC: SecurityLevel.optional(),
      SI: SecurityLevel.optional(),
      DC: SecurityLevel.optional(),
      RDF: SecurityLevel.optional(),
      TRE: SecurityLevel.optional(),
      RA: SecurityLevel.optional(),
    }),
  ],
  { error: "an SL is an integer 0..4, or an object of them per FR: IAC, UC, SI, DC, RDF, TRE, RA" },
);
export type SecurityLevelVector = z.infer<typeof SecurityLevelVector>;
export const Criticality = z.enum(["low", "medium", "high", "critical"]);
export type Criticality = z.infer<typeof Criticality>;
const IntraZonePolicy = z.enum(["allow", "baseline_only", "deny"]);

const Port = z.union(
  [
    z.number().int().min(0).max(65535),
    z.string().regex(/^\d{1,5}-\d{1,5}$/, "a port range is written 'low-high', e.g. '49152-65535'"),
  ],
  { error: "a port is a number 0..65535 or a range 'low-high'" },
);

export const Service = z.strictObject({
  app: ServiceApp,
  transport: z.enum(["tcp", "udp", "l2", "serial"]).optional(),
  ports: z.array(Port).optional(),
  /** Protocol functions by name, `<app>:<name>` or `<name>` (ot.function.name, or the code as a number string). Absent = any. */
  functions_allowed: z.array(Text).optional(),
  functions_denied: z.array(Text).optional(),
  /** The same by normalised action (ot.action), e.g. [read] or [program_download, firmware]. */
  actions_allowed: z.array(OtAction).optional(),
  actions_denied: z.array(OtAction).optional(),
});
export type ServiceInput = z.infer<typeof Service>;

const Cidr = z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, "a network is written as a CIDR, e.g. 10.50.0.0/24");
const Ip = z.string().regex(/^[0-9a-fA-F:.]+$/, "not an IP address");
const Mac = z
  .string()
  .regex(/^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$/, "a MAC is six hex pairs, e.g. 00:1b:1b:aa:bb:cc");

const Zone = z.strictObject({
  id: Id,
  name: Text,
  purdue_level: PurdueLevel,
  spans_levels: z.array(PurdueLevel).optional(),
  kind: ZoneKind,
  sl_t: SecurityLevelVector,
  sl_a: SecurityLevelVector.optional(),
  criticality: Criticality,
  consequence: z
    .array(
      z.enum([
        "safety",
        "environmental",
        "production",
        "equipment_damage",
        "regulatory",
        "financial",
        "public_service",
      ]),
    )
    .optional(),
  networks: z.array(Cidr).optional(),
  vlans: z.array(z.number().int().min(1).max(4094)).optional(),
  mac_fallback: z.boolean().optional(),
  intra_zone: IntraZonePolicy.optional(),
  /** False when the zone's hosts are not inventoried (default: false for kind external, true otherwise). */
  inventoried: z.boolean().optional(),
  nerc_cip: z
    .strictObject({
      esp: z.boolean().optional(),
      impact: z.enum(["high", "medium", "low"]).optional(),
      external_routable_connectivity: z.boolean().optional(),
    })
    .optional(),
  tags: z.array(Text).optional(),
});

const Asset = z.strictObject({
  id: Id,
  name: Text.optional(),
  zone: Id,
  purdue_level: PurdueLevel.optional(),
  role: AssetRoleInput,
  attack_ics_asset: z.array(z.string().regex(/^A\d{4}$/, "an ATT&CK for ICS asset id, e.g. A0003")).optional(),
  ips: z.array(Ip).optional(),
  macs: z.array(Mac).optional(),
  hostnames: z.array(Text).optional(),
  edr_ids: z.array(Text).optional(),
  ad_computer: Text.optional(),
  ad_domain: Text.optional(),
  vendor: Text.optional(),
  model: Text.optional(),
  firmware: Text.optional(),
  owner: Text.optional(),
  criticality: Criticality.optional(),
  services: z.array(Service).optional(),
  intermediate_system: z.boolean().optional(),
  dual_homed: z.boolean().optional(),
  netbox_device_id: z.number().int().optional(),
  tags: z.array(Text).optional(),
});

const Identity = z.strictObject({
  id: Id,
  kind: z.enum(["human", "service", "vendor", "shared"]),
  name: Text.optional(),
  accounts: z.array(Text).optional(),
  allowed_zones: z.array(Id).optional(),
  vendor: Text.optional(),
});

const MaintenanceWindow = z.strictObject({
  id: Id,
  /** RFC 5545 DTSTART + RRULE, wall-clock time in site.timezone. */
  rrule: Text,
  duration_minutes: z.number().int().min(1),
  vendor: Text.optional(),
  ticket: Text.optional(),
  description: Text.optional(),
});

const Conduit = z.strictObject({
  id: Id,
  name: Text.optional(),
  src_zone: Id,
  dst_zone: Id,
  direction: z.enum(["src_to_dst", "bidirectional", "unidirectional_diode"]).optional(),
  services: z.array(Service).min(1),
  allowed_src_assets: z.array(Id).optional(),
  allowed_dst_assets: z.array(Id).optional(),
  via: z.array(Id).optional(),
  require: z
    .strictObject({
      mfa: z.boolean().optional(),
      encryption: z.boolean().optional(),
      session_recording: z.boolean().optional(),
      approved_ticket: z.boolean().optional(),
    })
    .optional(),
  windows: z.array(Id).optional(),
  /** Which flows the windows restrict: every flow (`all`, default) or only engineering actions. */
  window_scope: z.enum(["all", "engineering"]).optional(),
  identities: z.array(Id).optional(),
  enforcement: z.enum(["firewall", "data_diode", "ids_only", "remote_access_broker", "none"]).optional(),
  sl_t: SecurityLevelVector.optional(),
  references: z.array(Text).optional(),
});

const Defaults = z.strictObject({
  unknown_ip_zone: Id.optional(),
  intra_zone: IntraZonePolicy.optional(),
  max_level_jump: z.number().min(0).optional(),
  /** ot.action values that count as engineering (restricted by windows with scope `engineering`). */
  engineering_actions: z.array(OtAction).optional(),
  /** Windows outside which an engineering action is out_of_window even on a conduit (or in a zone) without windows. */
  engineering_windows: z.array(Id).optional(),
  /** `ignore`: a conduit requirement (MFA, ticket) is only violated by evidence of its absence; `violation`: also when no evidence. */
  missing_evidence: z.enum(["ignore", "violation"]).optional(),
});

const Domain = z.strictObject({ netbios: Text, dns: Text });

const Nat = z.strictObject({
  id: Id,
  networks: z.array(z.union([Cidr, Ip])).min(1),
  /** The asset (firewall, proxy) that owns the translated addresses, if inventoried. */
  asset: Id.optional(),
  description: Text.optional(),
});

export const SiteModelDocument = z.strictObject({
  schema_version: z.enum(SITE_MODEL_VERSIONS),
  site: z.strictObject({
    id: Id,
    name: Text,
    netbox_site: Text.optional(),
    timezone: Text.optional(),
    sector: Text.optional(),
    regulatory: z.array(Text).optional(),
  }),
  defaults: Defaults.optional(),
  domains: z.array(Domain).optional(),
  zones: z.array(Zone).min(1),
  assets: z.array(Asset).optional(),
  identities: z.array(Identity).optional(),
  maintenance_windows: z.array(MaintenanceWindow).optional(),
  conduits: z.array(Conduit).optional(),
  nat: z.array(Nat).optional(),
});
export type SiteModelDocument = z.infer<typeof SiteModelDocument>;
export type ZoneInput = SiteModelDocument["zones"][number];
export type AssetInput = NonNullable<SiteModelDocument["assets"]>[number];
export type ConduitInput = NonNullable<SiteModelDocument["conduits"]>[number];
export type WindowInput = NonNullable<SiteModelDocument["maintenance_windows"]>[number];
export type IdentityInput = NonNullable<SiteModelDocument["identities"]>[number];
