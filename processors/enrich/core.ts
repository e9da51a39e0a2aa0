// The enrich stage's pure core: one canonical event + the site model + the lease table in, the same event with
// `site` filled out. No clock, no I/O: event time comes from @timestamp, everything else from the context.
//
// - Flows (source.ip and destination.ip): both endpoints resolved (endpoint.ts) and the flow judged against
//   the conduits (conduit/evaluate.ts) with `source` as the initiator, except for ICS response records
//   (`ot.is_request: false`, source = the responding device): those are judged as the request they answer.
// - EDR events without source.ip: `site.source` describes the event's own host (its asset and zone), so
//   rules read the host side of every EDR event at one path; `site.conduit.verdict` is `not_evaluated`.
// - EDR events with source.ip but no destination.ip (a logon from a remote client): `site.destination` is the
//   event's own host; a RemoteInteractive logon is judged as an RDP flow (client -> this host). With
//   destination.ip but no source.ip, the own host is the initiator and the flow is judged.
// - The account (user.name/user.domain) resolves to a site identity on `site.source.identity`: the user of
//   an EDR event, the initiator of a logon or session.
// - Evidence for conduit requirements comes from labels when a source provides it: `labels.mfa`
//   ("true"/"false") and `labels.ticket` (a ticket id; "" when known to be absent).
// The lease table is read, never written, here: the stage calls `identity.learn(event)` before enrichEvent.
import type { CanonicalEvent, SiteEndpoint } from "../../mappings/schema/canonical-event.ts";
import { type ConduitEvaluation, evaluateFlow, type FlowEvidence } from "./conduit/evaluate.ts";
import { appOf, type FlowFunction, type FlowService } from "./conduit/functions.ts";
import { resolveAddress, resolveOwnHost } from "./endpoint.ts";
import { resolveIdentity } from "./identity/accounts.ts";
import type { IdentityTable } from "./identity/table.ts";
import type { SiteModel } from "./site/model.ts";

export interface EnrichContext {
  site: SiteModel;
  identity: IdentityTable;
}

type Site = NonNullable<CanonicalEvent["site"]>;

function evidenceOf(event: CanonicalEvent): FlowEvidence {
  const evidence: FlowEvidence = {};
  const mfa = event.labels?.mfa;
  if (mfa === "true") evidence.mfa = true;
  else if (mfa === "false") evidence.mfa = false;
  const ticket = event.labels?.ticket;
  if (ticket !== undefined) evidence.ticket = ticket === "" ? null : ticket;
  return evidence;
}

function conduitField(result: ConduitEvaluation): Site["conduit"] {
  const out: Site["conduit"] = { verdict: result.verdict, reasons: result.reasons };
  if (result.conduitId !== undefined) out.id = result.conduitId;
  return out;
}

/** The service of the flow: its app and the responder's port (the source's, for a response record). */
function serviceOf(event: CanonicalEvent, response: boolean): FlowService {
  const protocol = event.ot && event.ot.protocol !== "other" ? event.ot.protocol : event.network?.protocol;
  const service: FlowService = {};
  const app = appOf(protocol);
  if (app !== undefined) service.app = app;
  const port = response ? event.source?.port : event.destination?.port;
  if (port !== undefined) service.port = port;
  if (event.network?.transport) service.transport = event.network.transport.toLowerCase();
  return service;
}

/** Enriches one event; returns a new object (the input is not modified). */
export function enrichEvent(event: CanonicalEvent, ctx: EnrichContext): CanonicalEvent {
  const { site, identity } = ctx;
  const timeMs = Date.parse(event["@timestamp"]);
  const person = event.user ? resolveIdentity(site, event.user.name, event.user.domain) : undefined;
  const evidence = evidenceOf(event);
  if (person) evidence.identity = person;

  const srcIp = event.source?.ip;
  const dstIp = event.destination?.ip;
  let source: SiteEndpoint | undefined;
  let destination: SiteEndpoint | undefined;
  let conduit: Site["conduit"] = { verdict: "not_evaluated", reasons: [] };

  let src = srcIp === undefined ? undefined : resolveAddress(site, identity, srcIp, event.source?.mac, timeMs);
  let dst = dstIp === undefined ? undefined : resolveAddress(site, identity, dstIp, event.destination?.mac, timeMs);
  // ICS response records (ot.is_request false) travel responder -> requester: judge the session they belong to.
  const response = event.ot?.is_request === false;
  const service = serviceOf(event, response);
  // An EDR event's own host stands in for the end the event does not name by IP: the initiator of its
  // connections, the responder of a logon from source.ip (4624 and the like).
  const own =
    event.observer.type === "edr" && event.host && (!src || !dst) ? resolveOwnHost(site, event.host) : undefined;
  if (own && !src) {
    src = own;
  } else if (own && !dst) {
    dst = own;
    if (service.app === undefined && /RemoteInteractive/.test(event.winlog?.logon?.type ?? "")) {
      service.app = "rdp";
      service.port ??= 3389;
    }
  }
  if (src) source = src.site;
  if (dst) destination = dst.site;

  // A flow needs both ends and something to match conduits on: the responder's IP (so a port), or an app.
  if (src && dst && (dstIp !== undefined || service.app !== undefined)) {
    // A response carries no command of its own (DNP3 "RESPONSE"): the request it answers was judged on that.
    const fn: FlowFunction = {};
    if (event.ot && !response) {
      fn.action = event.ot.action;
      if (event.ot.function?.name !== undefined) fn.name = event.ot.function.name;
      if (event.ot.function?.code !== undefined) fn.code = event.ot.function.code;
    }
    const [initiator, responder] = response ? [dst.flow, src.flow] : [src.flow, dst.flow];
    const result = evaluateFlow(site, { timeMs, source: initiator, destination: responder, service, fn, evidence });
    conduit = conduitField(result);
  }

  if (person) {
    source ??= {};
    source.identity = person.id;
  }
  const out: Site = { conduit };
  if (source) out.source = source;
  if (destination) out.destination = destination;
  return { ...event, site: out };
}
