// Shared vocabulary of the built-in pack, so every rule means the same thing by "engineering action" or
// "control levels". Values follow the canonical event (ot.action, site.*) and the site model's asset roles.
import { all, any, cidr, eq, exists, gte, lte, not, oneOf } from "../language/define-rule.ts";

/** ICS actions that change the process or the controller (ARCHITECTURE.md 2 action classes). */
export const ENGINEERING_ACTIONS = [
  "write",
  "control",
  "program_download",
  "mode_change",
  "restart",
  "firmware",
  "config",
];

/**
 * Not the response to a command: a sensor that tells requests from responses (Zeek s7comm/modbus/dnp3,
 * Malcolm) emits the controller's acknowledgement as its own record, with source and destination swapped.
 * That confirmation is not a second command, and keyed by its source it would blame the controller. Records
 * whose sensor does not say (ot.is_request absent: Suricata, Zeek conn) still count as commands.
 */
export const NOT_RESPONSE = not(eq("ot.is_request", false));

/** An ICS command whose action is one of `actions` (requests, or records that do not say; never responses). */
export const ICS_COMMAND = (actions: string[]) => all(oneOf("ot.action", actions), NOT_RESPONSE);

/** Conduit verdicts meaning "this crossing is not what the site model allows". */
export const NOT_ALLOWED = [
  "conduit_violation",
  "function_violation",
  "bypass",
  "out_of_window",
  "level_jump",
  "unknown_asset",
];

/** Destination in Purdue levels 0-2 (field devices, controllers, supervisory). */
export const TO_CONTROL_LEVELS = lte("site.destination.zone.level", 2);
/** Source in the enterprise zones (Purdue 4-5) or the internet side. */
export const FROM_IT_LEVELS = gte("site.source.zone.level", 4);

/** Any ICS protocol event seen by an OT sensor. */
export const ICS_TRAFFIC = exists("ot.protocol");

/** Controllers and safety systems as the site model names their roles. */
export const CONTROLLER_ROLES = ["plc", "rtu", "ied", "sis", "dcs_controller", "safety_controller"];
export const TO_CONTROLLER = any(
  oneOf("site.destination.asset.role", CONTROLLER_ROLES),
  lte("site.destination.zone.level", 1),
);

/** An alert from an EDR (Elastic Defend, Defender for Endpoint, CrowdStrike, Sysmon-based rules). */
export const EDR_ALERT = all(eq("event.kind", "alert"), eq("observer.type", "edr"));

/** Remote interactive protocols (sessions an operator or an intruder drives). */
export const REMOTE_SESSION = any(
  oneOf("network.protocol", ["rdp", "ssh", "vnc", "winrm", "telnet"]),
  oneOf("destination.port", [3389, 22, 5900, 5985, 5986, 23]),
  eq("winlog.logon.type", "RemoteInteractive"),
);

/** Not the site's own infrastructure ranges that must never be flagged (documented lab range). */
export const NOT_LAB = not(cidr("source.ip", "192.0.2.0/24"));
