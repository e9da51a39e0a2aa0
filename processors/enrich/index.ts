// Public surface of the enrich stage (re-exports only).
export {
  type ConduitEvaluation,
  evaluateFlow,
  type Flow,
  type FlowEndpoint,
  type FlowEvidence,
} from "./conduit/evaluate.ts";
export { EVALUATION_CASES, type EvaluationCase } from "./conduit/evaluation-cases.ts";
export { REASONS, type Reason, VERDICT_OF_REASON, VERDICT_PRECEDENCE } from "./conduit/reasons.ts";
export { EnrichConfig, identityOptions } from "./config.ts";
export { type EnrichContext, enrichEvent } from "./core.ts";
export { resolveIdentity } from "./identity/accounts.ts";
export { accountKey, normaliseHostName, normaliseMac, parseAccount } from "./identity/names.ts";
export {
  createIdentityTable,
  DEFAULT_IDENTITY_OPTIONS,
  type IdentitySnapshot,
  type IdentityTable,
  type IdentityTableOptions,
  type LeaseUpdate,
  leaseKey,
  type ResolvedHost,
  siteLease,
} from "./identity/table.ts";
export { formatIssue, SiteModelError } from "./site/issues.ts";
export type { Asset, Conduit, Identity, SiteModel, SiteModelIssue, Zone } from "./site/model.ts";
export { describeSiteModel } from "./site/model.ts";
export { loadSiteModel, parseSiteModel, parseSiteModelOrThrow, type SiteModelResult } from "./site/parse.ts";
export {
  createSiteModelHolder,
  loadAndWatchSiteModel,
  type SiteModelHolder,
  type SiteModelWatch,
  watchSiteModel,
} from "./site/watch.ts";
export { type EnrichStage, type EnrichStats, type StageLogger, startEnrichStage } from "./stage.ts";
export { ENRICH_LOG, ENRICH_METRICS } from "./telemetry.ts";
