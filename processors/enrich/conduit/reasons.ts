// The reason codes written to site.conduit.reasons and the verdict each one implies. Reasons that only
// qualify another finding (dmz_bypass, internet_to_control, safety_zone_violation) or note drift on a known
// asset (unlisted_service: reached on a service its inventory entry does not list) imply no verdict of their own. The precedence picks the primary verdict when several findings hold; it runs from "the path itself is
// wrong" to "the path is right but something about it is unusual".
import type { ConduitVerdict } from "../../../mappings/schema/canonical-event.ts";

export const REASONS = [
  "no_conduit",
  "unzoned",
  "unzoned_endpoint",
  "intermediate_bypass",
  "no_mfa_evidence",
  "service_not_allowed",
  "src_asset_not_allowed",
  "dst_asset_not_allowed",
  "identity_not_allowed",
  "identity_zone_not_allowed",
  "intra_zone_denied",
  "against_diode",
  "function_denied",
  "function_not_allowed",
  "outside_window",
  "no_ticket_evidence",
  "level_jump",
  "unknown_asset",
  "dmz_bypass",
  "internet_to_control",
  "safety_zone_violation",
  "unlisted_service",
] as const;
export type Reason = (typeof REASONS)[number];

export const VERDICT_OF_REASON: Partial<Record<Reason, ConduitVerdict>> = {
  // A required intermediate system (or its MFA step) was skipped: the pivot signal of remote access.
  intermediate_bypass: "bypass",
  no_mfa_evidence: "bypass",
  // No conduit covers this path, initiator, responder, service or identity.
  no_conduit: "conduit_violation",
  unzoned_endpoint: "conduit_violation",
  service_not_allowed: "conduit_violation",
  src_asset_not_allowed: "conduit_violation",
  dst_asset_not_allowed: "conduit_violation",
  identity_not_allowed: "conduit_violation",
  identity_zone_not_allowed: "conduit_violation",
  intra_zone_denied: "conduit_violation",
  against_diode: "conduit_violation",
  // The path is allowed, the protocol function is not.
  function_denied: "function_violation",
  function_not_allowed: "function_violation",
  // Engineering outside its window, or without the change ticket the window asks for.
  outside_window: "out_of_window",
  no_ticket_evidence: "out_of_window",
  level_jump: "level_jump",
  unknown_asset: "unknown_asset",
};

/** Most severe first. `allowed` / `intra_zone` apply when no reason maps to a verdict. */
export const VERDICT_PRECEDENCE: readonly ConduitVerdict[] = [
  "bypass",
  "conduit_violation",
  "function_violation",
  "out_of_window",
  "level_jump",
  "unknown_asset",
];
