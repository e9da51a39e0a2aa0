// The enrich stage adapter: loads the site model (and keeps it current when `watch` is on), owns the lease
// table, and runs learn + enrich per event with counters for metrics. The runtime binds it to its ports:
// it publishes `leases` to the identity topic and feeds what it reads back to `applyLease`.
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import type { EnrichConfig } from "./config.ts";
import { identityOptions } from "./config.ts";
import { enrichEvent } from "./core.ts";
import { createIdentityTable, type IdentityTable, type LeaseUpdate } from "./identity/table.ts";
import { formatIssue, type SiteModelError } from "./site/issues.ts";
import { describeSiteModel, type SiteModel } from "./site/model.ts";
import { loadSiteModel } from "./site/parse.ts";
import {
  createSiteModelHolder,
  loadAndWatchSiteModel,
  type SiteModelHolder,
  type SiteModelWatch,
} from "./site/watch.ts";
import { ENRICH_LOG } from "./telemetry.ts";

/** The subset of pino's API the stage logs through. */
export interface StageLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface EnrichStats {
  verdicts: Record<string, number>;
  reloads: { applied: number; rejected: number };
  leasesLearned: number;
  leasesApplied: number;
  identity: ReturnType<IdentityTable["stats"]>;
  site: string;
}

export interface EnrichStage {
  site: SiteModelHolder;
  identity: IdentityTable;
  /** Learns leases from the event, then enriches it with the model in force. */
  process(event: CanonicalEvent): { event: CanonicalEvent; leases: LeaseUpdate[] };
  applyLease(update: LeaseUpdate): void;
  stats(): EnrichStats;
  close(): void;
}

const silent: StageLogger = { info() {}, warn() {}, error() {} };

function logWarnings(model: SiteModel, log: StageLogger): void {
  for (const w of model.warnings)
    log.warn({ event: ENRICH_LOG.siteWarning, code: w.code, field: w.path }, formatIssue(w));
}

/** Throws SiteModelError when the model does not load: a startup failure (exit code `config`). */
export async function startEnrichStage(config: EnrichConfig, log: StageLogger = silent): Promise<EnrichStage> {
  const reloads = { applied: 0, rejected: 0 };
  let holder: SiteModelHolder;
  let watch: SiteModelWatch | undefined;
  if (config.watch) {
    const started = await loadAndWatchSiteModel(config.siteModel, {
      debounceMs: config.reloadDebounceMs,
      pollMs: config.reloadPollSeconds * 1000,
      onReload: (model) => {
        reloads.applied++;
        log.info({ event: ENRICH_LOG.siteReloaded, site: describeSiteModel(model) }, "site model reloaded");
        logWarnings(model, log);
      },
      onError: (error: SiteModelError) => {
        reloads.rejected++;
        log.error(
          { event: ENRICH_LOG.siteRejected, code: error.code, location: error.location },
          `site model change rejected, the previous version stays in force: ${error.message}`,
        );
      },
    });
    holder = started.holder;
    watch = started.watch;
  } else {
    holder = createSiteModelHolder(await loadSiteModel(config.siteModel));
  }
  log.info({ event: ENRICH_LOG.siteLoaded, site: describeSiteModel(holder.current()) }, "site model loaded");
  logWarnings(holder.current(), log);

  const identity = createIdentityTable(identityOptions(config.identity));
  const verdicts: Record<string, number> = {};
  let leasesLearned = 0;
  let leasesApplied = 0;
  return {
    site: holder,
    identity,
    process(event) {
      const leases = identity.learn(event);
      leasesLearned += leases.length;
      const enriched = enrichEvent(event, { site: holder.current(), identity });
      const verdict = enriched.site?.conduit.verdict ?? "not_evaluated";
      verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
      return { event: enriched, leases };
    },
    applyLease(update) {
      identity.apply(update);
      leasesApplied++;
    },
    stats: () => ({
      verdicts: { ...verdicts },
      reloads: { ...reloads },
      leasesLearned,
      leasesApplied,
      identity: identity.stats(),
      site: describeSiteModel(holder.current()),
    }),
    close: () => watch?.close(),
  };
}
