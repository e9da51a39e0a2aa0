// A flow (initiator -> responder, service, function, time) judged against the site's zones and conduits
// (research notes attack-ics.md 3.4). Pure: the site model and the flow in, a verdict with every reason out.
// Several findings can hold at once; the primary verdict is the first in VERDICT_PRECEDENCE that any reason
// maps to, and `reasons` keeps them all, so rules can match either.
import type { ConduitVerdict } from "../../../mappings/schema/canonical-event.ts";
import type { Asset, Conduit, Identity, SiteModel, Zone } from "../site/model.ts";
import { conduitPairKey } from "../site/model.ts";
import type { MaintenanceWindow } from "../site/windows.ts";
import { checkFunction, type FlowFunction, type FlowService, serviceMatches } from "./functions.ts";
import { type Reason, VERDICT_OF_REASON, VERDICT_PRECEDENCE } from "./reasons.ts";

export interface FlowEndpoint {
  zone?: Zone;
  asset?: Asset;
  /** IP in an inventoried zone but in no asset's ips. */
  unknownAsset: boolean;
}

export interface FlowEvidence {
  /** MFA seen for this session (IdP or broker join): true, false, or unknown (undefined). */
  mfa?: boolean;
  /** Change ticket for this session: an id, null when known to be absent, undefined when unknown. */
  ticket?: string | null;
  identity?: Identity;
}

export interface Flow {
  timeMs: number;
  /** The initiator (TCP SYN originator, request sender). */
  source: FlowEndpoint;
  destination: FlowEndpoint;
  service: FlowService;
  fn: FlowFunction;
  evidence: FlowEvidence;
}

export interface ConduitEvaluation {
  verdict: ConduitVerdict;
  conduitId?: string;
  reasons: Reason[];
}

function levelOf(e: FlowEndpoint): number | undefined {
  return e.asset?.level ?? e.zone?.level;
}

function inAnyWindow(windows: readonly MaintenanceWindow[], t: number): MaintenanceWindow | undefined {
  for (const w of windows) if (w.contains(t)) return w;
  return undefined;
}

/** Engineering outside the windows that govern it (the conduit's, else the site's engineering_windows). */
function checkWindows(site: SiteModel, flow: Flow, conduit: Conduit | undefined, out: Reason[]): void {
  const engineering = flow.fn.action !== undefined && site.defaults.engineeringActions.has(flow.fn.action as never);
  const own = conduit && conduit.windows.length > 0 ? conduit.windows : undefined;
  const applies = own ? conduit!.windowScope === "all" || engineering : engineering;
  const windows = own ?? site.defaults.engineeringWindows;
  if (!applies || windows.length === 0) return;
  const active = inAnyWindow(windows, flow.timeMs);
  if (!active) {
    out.push("outside_window");
    return;
  }
  if (active.ticket !== undefined && lacks(site, flow.evidence.ticket)) out.push("no_ticket_evidence");
}

/** Whether evidence for a requirement is missing, by the site's missing_evidence policy. */
function lacks(site: SiteModel, evidence: unknown): boolean {
  if (evidence === null || evidence === false) return true;
  return evidence === undefined && site.defaults.missingEvidence === "violation";
}

function checkConduit(site: SiteModel, c: Conduit, flow: Flow, reversed: boolean): Reason[] {
  const out: Reason[] = [];
  const service = c.services.find((s) => serviceMatches(s, flow.service));
  if (!service) out.push("service_not_allowed");
  const initiator = flow.source.asset?.id;
  const responder = flow.destination.asset?.id;
  if (c.via && !reversed && !(initiator !== undefined && c.via.has(initiator))) out.push("intermediate_bypass");
  const allowedInitiators = reversed ? c.allowedDstAssets : c.allowedSrcAssets;
  const allowedResponders = reversed ? c.allowedSrcAssets : c.allowedDstAssets;
  if (allowedInitiators && !(initiator !== undefined && allowedInitiators.has(initiator)))
    out.push("src_asset_not_allowed");
  if (allowedResponders && !(responder !== undefined && allowedResponders.has(responder)))
    out.push("dst_asset_not_allowed");
  if (service) {
    const finding = checkFunction(service, flow.fn);
    if (finding) out.push(finding);
  }
  checkWindows(site, flow, c, out);
  if (c.requireTicket && !out.includes("no_ticket_evidence") && lacks(site, flow.evidence.ticket))
    out.push("no_ticket_evidence");
  if (c.requireMfa && lacks(site, flow.evidence.mfa)) out.push("no_mfa_evidence");
  const identity = flow.evidence.identity;
  if (c.identities && identity && !c.identities.has(identity.id)) out.push("identity_not_allowed");
  return out;
}

function primaryVerdict(reasons: readonly Reason[], fallback: ConduitVerdict): ConduitVerdict {
  let best = VERDICT_PRECEDENCE.length;
  for (const r of reasons) {
    const verdict = VERDICT_OF_REASON[r];
    if (verdict === undefined) continue;
    const rank = VERDICT_PRECEDENCE.indexOf(verdict);
    if (rank < best) best = rank;
  }
  return best < VERDICT_PRECEDENCE.length ? VERDICT_PRECEDENCE[best]! : fallback;
}

/**
 * Reasons for a crossing no conduit covers; returns the conduit it bypassed, if any: one into the same zone
 * for this service that names intermediate systems the initiator is not.
 */
function noConduit(site: SiteModel, flow: Flow, out: Reason[]): string | undefined {
  const src = flow.source;
  const dst = flow.destination;
  out.push("no_conduit");
  if (!src.zone || !dst.zone) out.push("unzoned_endpoint");
  const brokered = dst.zone ? site.brokeredConduitsInto.get(dst.zone.id) : undefined;
  const skipped = brokered?.find(
    (c) => c.services.some((s) => serviceMatches(s, flow.service)) && !(src.asset && c.via?.has(src.asset.id)),
  );
  if (skipped) out.push("intermediate_bypass");
  const reverse =
    src.zone && dst.zone ? site.conduitsByZonePair.get(conduitPairKey(dst.zone.id, src.zone.id)) : undefined;
  if (reverse?.some((c) => c.direction === "unidirectional_diode")) out.push("against_diode");
  const a = levelOf(src);
  const b = levelOf(dst);
  if (a !== undefined && b !== undefined) {
    if (src.zone?.kind === "external" && b <= 2) out.push("internet_to_control");
    else if (Math.max(a, b) >= 4 && Math.min(a, b) <= 3) out.push("dmz_bypass"); // IT <-> OT without the DMZ
  }
  checkWindows(site, flow, undefined, out);
  return skipped?.id;
}

/** Evaluates one flow. Endpoints without a zone on both sides are `not_evaluated`. */
export function evaluateFlow(site: SiteModel, flow: Flow): ConduitEvaluation {
  const src = flow.source;
  const dst = flow.destination;
  if (!src.zone && !dst.zone) return { verdict: "not_evaluated", reasons: ["unzoned"] };
  const reasons: Reason[] = [];
  let conduitId: string | undefined;
  let fallback: ConduitVerdict = "allowed";
  if (src.zone && src.zone === dst.zone) {
    fallback = "intra_zone";
    if (src.zone.intraZone === "deny") reasons.push("intra_zone_denied");
    checkWindows(site, flow, undefined, reasons);
  } else {
    const candidates =
      src.zone && dst.zone ? site.conduitsByZonePair.get(conduitPairKey(src.zone.id, dst.zone.id)) : undefined;
    // The conduit with the fewest findings wins; on a tie, the one whose service and assets fit (its findings
    // are about the function or the time, not the path), then the first declared.
    let best: { conduit: Conduit; reasons: Reason[]; score: number } | undefined;
    for (const c of candidates ?? []) {
      const found = checkConduit(site, c, flow, c.srcZone !== src.zone!.id);
      const score = found.length * 100 + found.filter((r) => VERDICT_OF_REASON[r] === "conduit_violation").length;
      if (!best || score < best.score) best = { conduit: c, reasons: found, score };
      if (found.length === 0) break;
    }
    if (best) {
      conduitId = best.conduit.id;
      reasons.push(...best.reasons);
    } else {
      conduitId = noConduit(site, flow, reasons);
    }
    const a = levelOf(src);
    const b = levelOf(dst);
    // The DMZ (3.5) is half a step: 3.5 -> 2 is one step, 4 -> 2 two (floor of the difference).
    if (a !== undefined && b !== undefined && Math.floor(Math.abs(a - b)) > site.defaults.maxLevelJump) {
      reasons.push("level_jump");
    }
  }
  // allowed_zones lists where an identity may reach across zones: traffic inside its own zone and to the
  // internet is not what it restricts.
  const identity = flow.evidence.identity;
  const crossing = dst.zone !== undefined && dst.zone !== src.zone && dst.zone.kind !== "external";
  if (identity?.allowedZones && crossing && !identity.allowedZones.has(dst.zone!.id)) {
    reasons.push("identity_zone_not_allowed");
  }
  const violating = reasons.some((r) => VERDICT_OF_REASON[r] !== undefined && VERDICT_OF_REASON[r] !== "unknown_asset");
  if (violating && (dst.zone?.kind === "safety" || src.zone?.kind === "safety")) reasons.push("safety_zone_violation");
  if (src.unknownAsset || dst.unknownAsset) reasons.push("unknown_asset");
  // Inventory drift on a known asset: it is reached on a service it is not listed as serving.
  const served = dst.asset?.services;
  const known = flow.service.app !== undefined || flow.service.port !== undefined;
  if (served && known && !served.some((s) => serviceMatches(s, flow.service))) reasons.push("unlisted_service");
  const result: ConduitEvaluation = { verdict: primaryVerdict(reasons, fallback), reasons };
  if (conduitId !== undefined) result.conduitId = conduitId;
  return result;
}
