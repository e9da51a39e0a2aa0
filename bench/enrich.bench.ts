// Enrichment figures: loading a 10,000-asset / 500-zone site model (YAML through the js-yaml fast path, through
// the yaml reference path that locates errors, and the same model as JSON), IP
// lookups (asset by exact IP, else zone by longest prefix) against a bare Map.get on the same strings in the
// same run, and enrichEvent throughput over the example plant with a warm lease table.

import type { CanonicalEvent } from "../mappings/schema/canonical-event.ts";
import { enrichEvent } from "../processors/enrich/core.ts";
import { locateAddress } from "../processors/enrich/endpoint.ts";
import { edrEvent, flowEvent } from "../processors/enrich/fixtures/events.ts";
import { generateSiteModel } from "../processors/enrich/fixtures/generate-site.ts";
import { loadPlant, OUT_OF_WINDOW } from "../processors/enrich/fixtures/plant.ts";
import { createIdentityTable } from "../processors/enrich/identity/table.ts";
import { parseSiteModel, parseYamlPrecisely, type SiteModelResult } from "../processors/enrich/site/parse.ts";

type Figures = Record<string, number | string | boolean>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Operations per second of `step(i)`, run in batches until `durationMs` has passed; median of `rounds`. */
function throughput(step: (i: number) => unknown, durationMs: number, rounds: number): number {
  const rates: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    let ops = 0;
    const started = performance.now();
    let now = started;
    while (now - started < durationMs) {
      for (let k = 0; k < 10_000; k++) if (step(ops + k) !== undefined) sink++;
      ops += 10_000;
      now = performance.now();
    }
    rates.push((ops / (now - started)) * 1000);
  }
  if (sink < 0) throw new Error("unreachable"); // keeps the results observable
  return median(rates);
}

/** Median wall-clock and CPU (user + system) milliseconds of loading the model; CPU is steadier on a shared box. */
function loadTime(
  text: string,
  runs: number,
  parse: (text: string, file: string) => SiteModelResult = parseSiteModel,
): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < runs; r++) {
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    const result = parse(text, "generated");
    walls.push(performance.now() - started);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1000);
    if (!result.ok) throw new Error(`generated model rejected: ${result.issues[0]?.message}`);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

export async function run(o: { quick: boolean }): Promise<Figures> {
  const runs = o.quick ? 1 : 3;
  const duration = o.quick ? 200 : 1000;
  const generated = generateSiteModel(500, 10_000);
  const yamlMs = loadTime(generated.yaml, runs);
  const referenceMs = loadTime(generated.yaml, runs, parseYamlPrecisely);
  const asJson = parseSiteModel(generated.yaml);
  if (!asJson.ok) throw new Error("generated model rejected");
  const { parse } = await import("yaml");
  const jsonMs = loadTime(JSON.stringify(parse(generated.yaml)), runs);
  const big = asJson.model;

  // Probes: 80% inventoried assets, 20% uninventoried addresses inside zones (prefix-trie path).
  const probes = Array.from({ length: 8192 }, (_, i) =>
    i % 5 === 4
      ? generated.strayIps[i % generated.strayIps.length]!
      : generated.assetIps[(i * 7919) % generated.assetIps.length]!,
  );
  const mask = probes.length - 1;
  const bareMap = new Map(generated.assetIps.map((ip, i) => [ip, i]));
  const mapRate = throughput((i) => bareMap.get(probes[i & mask]!), duration, runs);
  const lookupRate = throughput((i) => locateAddress(big, probes[i & mask]!).zone, duration, runs);
  const strays = generated.strayIps;
  const trieRate = throughput((i) => big.zoneTrie.lookup(strays[i % strays.length]!), duration, runs);

  // enrichEvent over the example plant: a mix of polling, engineering, RDP and EDR events, warm leases.
  const site = loadPlant();
  const identity = createIdentityTable();
  const edr = edrEvent({
    at: "2026-11-23T14:00:00Z",
    hostId: "edr-aa20",
    hostName: "EWS01",
    ips: ["10.50.0.20"],
    user: { name: "alice.adm", domain: "OT" },
  });
  identity.learn(edr);
  const events: CanonicalEvent[] = [
    flowEvent({
      at: OUT_OF_WINDOW,
      src: "10.50.0.11",
      dst: "10.60.0.11",
      port: 502,
      ot: { protocol: "modbus", action: "read", fn: "READ_HOLDING_REGISTERS" },
    }),
    flowEvent({
      at: OUT_OF_WINDOW,
      src: "10.50.0.5",
      dst: "10.60.0.21",
      port: 20000,
      ot: { protocol: "dnp3", action: "read", fn: "READ" },
    }),
    flowEvent({
      at: OUT_OF_WINDOW,
      src: "10.50.0.20",
      dst: "10.60.0.12",
      port: 102,
      ot: { protocol: "s7comm", action: "mode_change", fn: "PLC Stop" },
    }),
    flowEvent({ at: OUT_OF_WINDOW, src: "10.10.5.23", dst: "10.50.0.20", port: 3389, protocol: "rdp" }),
    flowEvent({
      at: OUT_OF_WINDOW,
      src: "10.55.0.99",
      dst: "10.60.0.11",
      port: 502,
      ot: { protocol: "modbus", action: "write", fn: "WRITE_SINGLE_REGISTER" },
    }),
    edr,
  ];
  const eventRate = throughput((i) => enrichEvent(events[i % events.length]!, { site, identity }), duration, runs);
  const learnRate = throughput((i) => identity.learn(events[5]!).length + i, duration, runs);

  return {
    enrich_site_load_ms: Math.round(yamlMs.wall),
    enrich_site_load_cpu_ms: Math.round(yamlMs.cpu),
    enrich_site_load_yaml_reference_ms: Math.round(referenceMs.wall),
    enrich_site_load_yaml_reference_cpu_ms: Math.round(referenceMs.cpu),
    enrich_site_load_fast_vs_reference_cpu_ratio: Number((yamlMs.cpu / referenceMs.cpu).toFixed(3)),
    enrich_site_load_json_ms: Math.round(jsonMs.wall),
    enrich_site_load_json_cpu_ms: Math.round(jsonMs.cpu),
    enrich_site_assets: big.assets.size,
    enrich_site_zones: big.zones.size,
    enrich_site_yaml_bytes: generated.yaml.length,
    enrich_lookups_per_s: Math.round(lookupRate),
    enrich_map_lookups_per_s: Math.round(mapRate),
    enrich_lookup_vs_map_ratio: Number((lookupRate / mapRate).toFixed(3)),
    enrich_zone_trie_lookups_per_s: Math.round(trieRate),
    enrich_events_per_s: Math.round(eventRate),
    enrich_identity_learn_per_s: Math.round(learnRate),
  };
}
