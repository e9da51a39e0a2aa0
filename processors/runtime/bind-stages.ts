// Binds the real stage modules (ingest, enrich, detect, incident) into the runtime's Stages view. The
// only file that knows their APIs; replay, run and the demo all get their stages from here.
import { fileURLToPath } from "node:url";
import { loadRules } from "../../detections/language/load-rules.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { createEngine, type Engine } from "../detect/engine.ts";
import { enrichEvent } from "../enrich/core.ts";
import { createIdentityTable, type LeaseUpdate as IdentityLease } from "../enrich/identity/table.ts";
import type { SiteModel } from "../enrich/site/model.ts";
import { loadSiteModel } from "../enrich/site/parse.ts";
import { IncidentDocumentConfig } from "../incident/config.ts";
import { shapeIncident } from "../incident/core.ts";
import { ingestRecord } from "../ingest/core.ts";
import type { RawRecord as IngestRawRecord } from "../ingest/types.ts";
import { readZeekTsv as readTsv } from "../ingest/zeek-tsv-reader.ts";
import { RuleError } from "./errors.ts";
import type { CorrelationEngine, EngineOutput, IdentityTable, RawRecord, Stages } from "./stages.ts";

/** The built-in rule pack. */
export const BUILT_IN_RULES = fileURLToPath(new URL("../../detections/rules", import.meta.url));

export interface StageOptions {
  sitePath: string;
  rulesDir?: string;
  allowedLatenessMs: number;
  /** Evaluate eager kinds (match) on arrival (processors/detect/config.ts); default true. */
  eager?: boolean;
  stateBounds: { maxEntriesPerRule: number; ttlMs: number };
  incident?: Record<string, unknown>;
  /** Run mode: ingest time anchors the plausibility window of event time. Replay leaves it unset. */
  checkEventTimeBounds?: boolean;
}

export interface BoundStages extends Stages {
  site: SiteModel;
  ruleCount: number;
  ruleWarnings: string[];
}

/** Loads and validates the site model (a SiteModelError, a ConfigError, names file, line and key). */
export function loadSite(path: string): Promise<SiteModel> {
  return loadSiteModel(path);
}

export async function bindStages(options: StageOptions): Promise<BoundStages> {
  const site = await loadSite(options.sitePath);
  const rulesDir = options.rulesDir ?? BUILT_IN_RULES;
  const loaded = await loadRules(rulesDir).catch((cause: unknown) => {
    throw new RuleError("rules.unreadable", `cannot read rules directory ${rulesDir}`, {
      location: { file: rulesDir },
      cause,
    });
  });
  const errors = loaded.issues.filter((i) => (i as { severity?: string }).severity !== "warning");
  if (loaded.rules.length === 0) {
    throw new RuleError("rules.none", `no valid rule in ${rulesDir} (${errors.length} problems)`, {
      location: { file: rulesDir },
    });
  }
  const incidentConfig = IncidentDocumentConfig.parse(options.incident ?? {});
  const engineOptions = {
    rules: loaded.rules,
    allowedLatenessMs: options.allowedLatenessMs,
    stateBounds: options.stateBounds,
    ...(options.eager === undefined ? {} : { eager: options.eager }),
  };
  // Routing needs only the rules, not state: one engine instance answers it for every partition.
  const router = createEngine(engineOptions);

  return {
    site,
    ruleCount: loaded.rules.length,
    ruleWarnings: loaded.issues.map((i) => JSON.stringify(i)),
    decode(raw, format) {
      const result = ingestRecord(raw as IngestRawRecord, {
        ...(format ? { format } : {}),
        ...(options.checkEventTimeBounds ? { ingestedAt: new Date().toISOString() } : {}),
      });
      return {
        events: result.events,
        deadLetters: result.deadLetters.map((d) => ({
          code: d.code,
          reason: d.field ? `${d.reason} (field ${d.field})` : d.reason,
          provenance: d.provenance,
          original: raw.value,
          ...(raw.headers ? { headers: raw.headers } : {}),
        })),
      };
    },
    readZeekTsv,
    createIdentity: () => wrapIdentity(),
    enrich: (event, identity) => enrichEvent(event, { site, identity: (identity as WrappedIdentity).table }),
    routingKeys: (event) => router.routingKeys(event),
    createEngine: () => wrapEngine(createEngine(engineOptions)),
    toEcs: (incident) => shapeIncident(incident, incidentConfig) as unknown as Record<string, unknown>,
  };
}

interface WrappedIdentity extends IdentityTable {
  table: ReturnType<typeof createIdentityTable>;
}

function wrapIdentity(): WrappedIdentity {
  const table = createIdentityTable();
  return {
    table,
    learn: (event) => table.learn(event).map((lease) => ({ key: `${lease.ip}|${lease.host}`, value: lease })),
    apply: (update) => table.apply(update.value as IdentityLease),
  };
}

function wrapEngine(engine: Engine): CorrelationEngine {
  const out = (r: { incidents: EngineOutput["incidents"]; derived: CanonicalEvent[] }): EngineOutput => ({
    incidents: r.incidents,
    derived: r.derived,
  });
  return {
    process: (event, key) => out(engine.process(event, 0, { key })),
    advanceWatermark: (ms) => out(engine.advanceWatermark(0, ms)),
    flush: () => out(engine.flush()),
    snapshot: () => engine.snapshot(),
    restore: (state) => engine.restore(state as ReturnType<Engine["snapshot"]>),
    metrics: () => {
      const m = engine.metrics();
      const stateEntries: Record<string, number> = {};
      const evictions: Record<string, number> = {};
      for (const [rule, r] of Object.entries(m.rules)) {
        stateEntries[rule] = r.entries;
        evictions[rule] = r.evictions;
      }
      return { stateEntries, evictions, lateEvents: m.lateEvents, watermarkMs: m.watermarks["0"] ?? null };
    },
  };
}

/** Splits a Zeek TSV log into raw records that each carry the header they belong to. */
export function readZeekTsv(text: string, file: string): RawRecord[] {
  return [...readTsv(text, { file })];
}
