// Metric and log event names of the enrich stage, declared once (STYLE.md 2).
export const ENRICH_METRICS = {
  /** Events enriched, by conduit verdict (label `verdict`). */
  verdicts: "gapwatch_enrich_verdicts_total",
  /** Site-model reloads, by result (label `result`: applied | rejected). */
  reloads: "gapwatch_enrich_site_reloads_total",
  /** IPs in the lease table, evictions from it, lookups refused because two hosts held the IP. */
  identityIps: "gapwatch_enrich_identity_ips",
  identityEvictions: "gapwatch_enrich_identity_evictions_total",
  identityAmbiguous: "gapwatch_enrich_identity_ambiguous_total",
  /** Lease updates learned here (to publish) and applied from the identity topic. */
  leasesLearned: "gapwatch_enrich_leases_learned_total",
  leasesApplied: "gapwatch_enrich_leases_applied_total",
} as const;

export const ENRICH_LOG = {
  siteLoaded: "enrich.site_loaded",
  siteReloaded: "enrich.site_reloaded",
  siteRejected: "enrich.site_rejected",
  siteWarning: "enrich.site_warning",
} as const;
