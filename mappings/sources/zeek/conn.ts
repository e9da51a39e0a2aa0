// Zeek conn.log (TSV, LogAscii JSON, json-streaming): one network connection, logged when it ends with `ts`
// = first packet. MACs (orig_l2_addr/resp_l2_addr, mac-logging policy) are kept as seen: for routed flows the
// responder MAC is the gateway's, which enrichment must not treat as the peer's (research §A1.1).

import { list, mac, str } from "../shared/values.ts";
import type { JsonObject } from "../types.ts";
import type { LogMapping } from "./mapping.ts";

export function mapConn(r: JsonObject): LogMapping {
  const services = list(r.service)?.filter((s) => !s.startsWith("-"));
  const state = str(r.conn_state);
  // With or without `action` from the start: a `delete` would put the mapping in slow (dictionary) mode.
  const m: LogMapping = state
    ? { generation: "zeek-conn", type: ["connection"], action: `conn_state_${state.toLowerCase()}` }
    : { generation: "zeek-conn", type: ["connection"] };
  const transport = str(r.proto)?.toLowerCase();
  if (transport) m.transport = transport;
  if (services?.length) m.networkProtocol = services.join(",");
  const communityId = str(r.community_id);
  if (communityId) m.communityId = communityId;
  const origMac = mac(r.orig_l2_addr);
  const respMac = mac(r.resp_l2_addr);
  if (origMac) m.source = { mac: origMac };
  if (respMac) m.destination = { mac: respMac };
  if (state)
    m.outcome =
      state === "REJ" || state === "S0" ? "failure" : state === "SF" || state === "S1" ? "success" : "unknown";
  return m;
}

/** Any other Zeek log with a connection tuple (http, dns, smb, rdp ...): a network event named after it. */
export function mapGeneric(path: string | undefined): LogMapping {
  const m: LogMapping = { generation: path ? `zeek-${path}` : "zeek-unknown", type: ["protocol"] };
  if (path) m.networkProtocol = path;
  return m;
}
