// The plant's assets: corporate workstations and servers with their EDR, and the OT assets of every zone
// (jump host, broker, historians, SCADA, HMIs, EWS, PLCs by protocol, RTUs, field I/O) with fixed addresses.
import type { PlantSizeConfig, SimulateConfig } from "./config.ts";
import { type EdrFormat, type IcsProtocol, type PlantAsset, zoneIds } from "./plant.ts";
import type { Random } from "./random.ts";

function mac(random: Random): string {
  const bytes = [0x00, 0x15, 0x5d, random.int(0, 255), random.int(0, 255), random.int(0, 255)];
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}

function edrId(format: EdrFormat, random: Random): string {
  if (format === "crowdstrike") return random.hex(32);
  if (format === "mde") return random.hex(40);
  return random.uuid();
}

function pickEdr(config: SimulateConfig, random: Random): EdrFormat {
  const mix = config.edrMix;
  const total = mix.elastic + mix.sysmon + mix.crowdstrike + mix.mde;
  let roll = random.next() * total;
  for (const format of ["elastic", "sysmon", "crowdstrike", "mde"] as const) {
    roll -= mix[format];
    if (roll < 0) return format;
  }
  return "elastic";
}

type AssetSeed = Omit<PlantAsset, "mac" | "hostname" | "protocols" | "domain"> &
  Partial<Pick<PlantAsset, "protocols" | "domain">>;

function build(random: Random, seed: AssetSeed, edr?: EdrFormat): PlantAsset {
  const asset: PlantAsset = {
    ...seed,
    hostname: seed.name.toLowerCase(),
    domain: seed.domain ?? (seed.zone === zoneIds.corp ? "corp.example" : "ot.example"),
    mac: mac(random),
    protocols: seed.protocols ?? [],
  };
  if (edr) asset.edr = { format: edr, id: edrId(edr, random) };
  return asset;
}

export function itAssets(config: SimulateConfig, random: Random): PlantAsset[] {
  const out: PlantAsset[] = [];
  const servers = [
    { id: "dc01", name: "DC01", role: "domain_controller", ip: "10.10.0.5" },
    { id: "fs01", name: "FS01", role: "it_server", ip: "10.10.0.6" },
    { id: "mail01", name: "MAIL01", role: "it_server", ip: "10.10.0.7" },
  ];
  for (const server of servers)
    out.push(build(random, { ...server, zone: zoneIds.corp, criticality: "high" }, "elastic"));
  const engineers = ["alice", "bob", "carol"];
  for (let i = 0; i < config.plant.itHosts; i++) {
    const third = 1 + Math.floor(i / 240);
    const fourth = 10 + (i % 240);
    const user = i < engineers.length ? engineers[i]! : `user${String(i).padStart(4, "0")}`;
    const name = `WS-${String(i + 1).padStart(4, "0")}`;
    const seed: AssetSeed = {
      id: `ws-${String(i + 1).padStart(4, "0")}`,
      name,
      zone: zoneIds.corp,
      role: "it_workstation",
      ip: `10.10.${third}.${fourth}`,
      criticality: "low",
      user,
    };
    // The engineering department runs Elastic Defend (its alerts start the demo's pivot chain).
    out.push(build(random, seed, i < engineers.length ? "elastic" : pickEdr(config, random)));
  }
  return out;
}

export function otAssets(size: PlantSizeConfig, random: Random): PlantAsset[] {
  const out: PlantAsset[] = [];
  const add = (seed: AssetSeed, edr?: EdrFormat) => out.push(build(random, seed, edr));
  add(
    {
      id: "jh01",
      name: "OT-JUMP-01",
      zone: zoneIds.dmz,
      role: "jump_host",
      ip: "10.30.0.10",
      criticality: "high",
      attackIcsAsset: ["A0012"],
      intermediate: true,
    },
    "sysmon",
  );
  add({
    id: "rab01",
    name: "RAB-01",
    zone: zoneIds.dmz,
    role: "remote_access_gw",
    ip: "10.30.0.20",
    criticality: "high",
    intermediate: true,
  });
  add({
    id: "pi-dmz",
    name: "PI-DMZ",
    zone: zoneIds.dmz,
    role: "historian",
    ip: "10.30.0.30",
    criticality: "medium",
    attackIcsAsset: ["A0006"],
  });
  add({
    id: "wsus-dmz",
    name: "WSUS-DMZ",
    zone: zoneIds.dmz,
    role: "patch_server",
    ip: "10.30.0.40",
    criticality: "medium",
  });
  add(
    {
      id: "pi-l3",
      name: "PI-L3",
      zone: zoneIds.ops,
      role: "historian",
      ip: "10.40.0.10",
      criticality: "high",
      attackIcsAsset: ["A0006"],
    },
    "mde",
  );
  add(
    {
      id: "ot-dc01",
      name: "OT-DC01",
      zone: zoneIds.ops,
      role: "domain_controller",
      ip: "10.40.0.5",
      criticality: "high",
    },
    "mde",
  );
  add(
    {
      id: "ops-util01",
      name: "OPS-UTIL01",
      zone: zoneIds.ops,
      role: "it_server",
      ip: "10.40.0.20",
      criticality: "medium",
    },
    "mde",
  );
  add(
    {
      id: "scada01",
      name: "SCADA-01",
      zone: zoneIds.scada,
      role: "scada_server",
      ip: "10.50.0.5",
      criticality: "critical",
      attackIcsAsset: ["A0007"],
      protocols: ["modbus", "s7comm", "dnp3", "enip"],
      user: "svc_scada",
    },
    "elastic",
  );
  for (let i = 0; i < size.hmis; i++) {
    const n = String(i + 1).padStart(2, "0");
    add(
      {
        id: `hmi${n}`,
        name: `HMI-${n}`,
        zone: zoneIds.scada,
        role: "hmi",
        ip: `10.50.0.${11 + i}`,
        criticality: "critical",
        attackIcsAsset: ["A0002"],
        protocols: ["modbus", "enip"],
        user: "operator",
      },
      "sysmon",
    );
  }
  for (let i = 0; i < size.engineeringWorkstations; i++) {
    const n = String(i + 1).padStart(2, "0");
    add(
      {
        id: `ews${n}`,
        name: `EWS-${n}`,
        zone: zoneIds.scada,
        role: "engineering_workstation",
        ip: `10.50.0.${20 + i}`,
        criticality: "critical",
        attackIcsAsset: ["A0001"],
        protocols: ["modbus", "s7comm", "dnp3", "enip"],
        user: "alice.adm",
      },
      "sysmon",
    );
  }
  const controllers: Array<[number, IcsProtocol, string, string, string, number]> = [
    [size.modbusPlcs, "modbus", "PLC-1", "Schneider Electric", "Modicon M580", 11],
    [size.s7Plcs, "s7comm", "PLC-2", "Siemens", "S7-1500", 81],
    [size.enipPlcs, "enip", "PLC-3", "Rockwell Automation", "ControlLogix 5580", 121],
    [size.rtus, "dnp3", "RTU-4", "SEL", "RTAC 3530", 161],
  ];
  for (const [count, protocol, prefix, vendor, model, base] of controllers) {
    for (let i = 0; i < count; i++) {
      const n = String(i + 1).padStart(2, "0");
      const role = protocol === "dnp3" ? "rtu" : "plc";
      add({
        id: `${prefix.toLowerCase().replace("-", "")}${n}`,
        name: `${prefix}${n}`,
        zone: zoneIds.control,
        role,
        ip: `10.60.0.${base + i}`,
        criticality: "critical",
        protocols: [protocol],
        vendor,
        model,
        attackIcsAsset: [role === "rtu" ? "A0004" : "A0003"],
      });
    }
  }
  for (let i = 0; i < size.ioModules; i++) {
    const n = String(i + 1).padStart(2, "0");
    add({
      id: `io${n}`,
      name: `IO-${n}`,
      zone: zoneIds.field,
      role: "field_io",
      ip: `10.70.0.${11 + i}`,
      criticality: "high",
      protocols: ["modbus"],
      vendor: "WAGO",
      model: "750-362",
    });
  }
  return out;
}
