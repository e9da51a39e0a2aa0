// Source family id -> normaliser. The ingest stage looks up nothing else (STYLE.md §6); adding a source is one
// module in this folder, its golden cases, and one line here (plus a detection rule in
// processors/ingest/detect-format.ts).
import { normaliseCrowdstrikeFdr } from "./crowdstrike-fdr.ts";
import { normaliseElasticDefend } from "./elastic-defend.ts";
import { normaliseMalcolm } from "./malcolm.ts";
import { normaliseMde } from "./mde.ts";
import { normaliseSuricata } from "./suricata.ts";
import type { SourceFamily } from "./types.ts";
import { normaliseWinlogbeat } from "./winlogbeat.ts";
import { normaliseZeek } from "./zeek.ts";

export const SOURCE_FAMILIES: Readonly<Record<string, SourceFamily>> = {
  zeek: {
    id: "zeek",
    title: "Zeek + CISA ICSNPP (JSON, both key styles, and TSV)",
    observerType: "ot-sensor",
    normalise: normaliseZeek,
  },
  suricata: { id: "suricata", title: "Suricata EVE JSON", observerType: "ot-sensor", normalise: normaliseSuricata },
  malcolm: {
    id: "malcolm",
    title: "Malcolm-normalised documents",
    observerType: "ot-sensor",
    normalise: normaliseMalcolm,
  },
  "elastic-defend": {
    id: "elastic-defend",
    title: "Elastic Defend (ECS)",
    observerType: "edr",
    normalise: normaliseElasticDefend,
  },
  winlogbeat: {
    id: "winlogbeat",
    title: "Sysmon / Windows Security (Winlogbeat ECS, evtx JSON, NXLog)",
    observerType: "edr",
    normalise: normaliseWinlogbeat,
  },
  "crowdstrike-fdr": {
    id: "crowdstrike-fdr",
    title: "CrowdStrike Falcon Data Replicator",
    observerType: "edr",
    normalise: normaliseCrowdstrikeFdr,
  },
  mde: {
    id: "mde",
    title: "Microsoft Defender for Endpoint streaming API",
    observerType: "edr",
    normalise: normaliseMde,
  },
};

export function sourceFamily(id: string): SourceFamily | undefined {
  return Object.hasOwn(SOURCE_FAMILIES, id) ? SOURCE_FAMILIES[id] : undefined;
}
