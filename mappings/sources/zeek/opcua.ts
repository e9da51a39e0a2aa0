// ICSNPP-OPCUA-Binary: the main log (`opcua_binary.log`, renamed `opcua-binary.log`; older releases one
// line per message with `opcua_id`, current ones one line per request/response pair) and its ~30 side logs,
// which are classified by the service they detail. User tokens (ActivateSession `ext_obj_password`,
// `ext_obj_token_data`) are redacted from event.original and never copied into ot.*.
import { classifyFunction, opcuaMessageTypes, opcuaServices } from "../../ics/index.ts";
import { memoize } from "../shared/memo.ts";
import { bool, int, str } from "../shared/values.ts";
import type { JsonObject } from "../types.ts";
import { type LogMapping, mapped, otBlock, targetOf } from "./mapping.ts";

export function mapOpcua(r: JsonObject): LogMapping {
  const msgType = str(r.msg_type);
  const identifierText = str(r.identifier_str);
  const identifier = int(r.identifier);
  const fn =
    identifierText || identifier !== undefined
      ? classifyFunction(
          opcuaServices,
          identifier !== undefined && opcuaServices.byCode.has(identifier) ? identifier : undefined,
          identifierText ?? (identifier === undefined ? undefined : String(identifier)),
        )
      : classifyFunction(opcuaMessageTypes, undefined, msgType);
  if (fn.code === undefined && identifier !== undefined) fn.code = String(identifier);
  // Responses are encoded as request id + 3 (673 WriteRequest / 676 WriteResponse).
  if (fn.action === "other" && identifier !== undefined && opcuaServices.byCode.has(identifier - 3)) {
    const base = opcuaServices.byCode.get(identifier - 3)!;
    fn.action = base.action;
  }
  const serviceResult = str(r.res_hdr_service_result) ?? str(r.status_code);
  const isRequest = identifierText ? !/Response$/.test(identifierText) : bool(r.is_orig);
  const ot = otBlock("opcua", fn, {
    isRequest,
    target: targetOf([
      ["endpoint", str(r.endpoint_url)],
      ["request_id", str(r.request_id)],
    ]),
    result: str(r.error) ? `${str(r.error)} ${str(r.reason) ?? ""}`.trim() : serviceResult,
  });
  const paired = r.res_identifier_str !== undefined || r.res_msg_size !== undefined;
  const generation =
    r.opcua_id !== undefined
      ? "icsnpp-opcua_binary/per-message"
      : paired
        ? "icsnpp-opcua_binary/paired"
        : "icsnpp-opcua_binary/current";
  const outcome = str(r.error)
    ? "failure"
    : serviceResult === undefined
      ? undefined
      : serviceResult === "0" || /^good/i.test(serviceResult) || serviceResult === "0x00000000"
        ? "success"
        : "failure";
  return mapped(generation, "opcua", ot, outcome);
}

/** Side log path (after `opcua_binary_`) -> the service it details. */
const SIDE_LOG_SERVICES: [RegExp, string][] = [
  [/^activate_session/, "ActivateSession"],
  [/^create_session/, "CreateSession"],
  [/^close_session/, "CloseSession"],
  [/^opensecure_channel|^open_secure_channel/, "OpenSecureChannel"],
  [/^get_endpoints/, "GetEndpoints"],
  [/^browse/, "Browse"],
  [/^read/, "Read"],
  [/^write/, "Write"],
  [/^create_subscription/, "CreateSubscription"],
  [/^create_monitored_items/, "CreateMonitoredItems"],
  [/^call/, "Call"],
  [/^add_nodes/, "AddNodes"],
  [/^delete_nodes/, "DeleteNodes"],
];

/** What a side log's path says, worked out once per path (paths repeat on every record of their log). */
const sideLogOf = memoize((path: string) => {
  const suffix = path.replace(/^opcua_binary_?/, "");
  return {
    suffix,
    service: SIDE_LOG_SERVICES.find(([pattern]) => pattern.test(suffix))?.[1],
    diagnostic: /status_code|diag/.test(suffix),
  };
});

export function mapOpcuaSideLog(r: JsonObject, path: string): LogMapping {
  const { suffix, service, diagnostic } = sideLogOf(path);
  const action = diagnostic ? ("diagnostic" as const) : ("other" as const);
  const name = suffix.toUpperCase();
  // Built with or without `name` (no `delete`, which would put the object in slow mode).
  const fn = service ? classifyFunction(opcuaServices, undefined, service) : name ? { action, name } : { action };
  const nodeId = str(r.node_id_string) ?? str(r.node_id_numeric) ?? str(r.node_id_guid) ?? str(r.node_id_opaque);
  const ns = str(r.node_id_namespace_idx);
  const ot = otBlock("opcua", fn, {
    isRequest: bool(r.is_orig),
    target: nodeId
      ? `ns=${ns ?? 0};${str(r.node_id_string) ? "s" : "i"}=${nodeId}${str(r.attribute_id_str) ? `/${str(r.attribute_id_str)}` : ""}`
      : targetOf([["endpoint", str(r.endpoint_url)]]),
    // ActivateSession: the token type and user name identify who logged in; the password never leaves.
    value: str(r.ext_obj_type_id_str) ?? str(r.user_token_type) ?? str(r.severity_str),
    result: str(r.status_code) ?? str(r.sub_code_str),
  });
  const mapping = mapped(`icsnpp-${path}`, "opcua", ot);
  const userName = str(r.ext_obj_user_name);
  if (userName) mapping.user = { name: userName };
  return mapping;
}
