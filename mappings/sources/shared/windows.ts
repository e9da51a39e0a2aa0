// Windows vocabulary shared by the Winlogbeat, CrowdStrike and MDE normalisers.

import { own } from "./values.ts";

/** Windows logon type number -> the name ECS `winlog.logon.type` and MDE use (MS docs, event 4624). */
export const LOGON_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: "System",
  2: "Interactive",
  3: "Network",
  4: "Batch",
  5: "Service",
  7: "Unlock",
  8: "NetworkCleartext",
  9: "NewCredentials",
  10: "RemoteInteractive",
  11: "CachedInteractive",
  12: "CachedRemoteInteractive",
  13: "CachedUnlock",
};

/** 3 / "3" -> "Network"; names pass through (MDE already writes "RemoteInteractive"). */
export function logonTypeName(value: unknown): string | undefined {
  if (typeof value === "number") return own(LOGON_TYPE_NAMES, value) ?? String(value);
  if (typeof value !== "string" || value === "" || value === "-") return undefined;
  if (/^\d+$/.test(value)) return own(LOGON_TYPE_NAMES, Number(value)) ?? value;
  return value;
}

/** `winlog.logon` from its parts, absent parts left out (call with at least one). */
export function logonOf(type: string | undefined, id: string | undefined): { type?: string; id?: string } {
  return type && id ? { type, id } : type ? { type } : { id };
}

/** `DOMAIN\user` -> { domain, name }; a bare name has no domain. */
export function splitUser(value: string | undefined): { name?: string; domain?: string } | undefined {
  if (!value) return undefined;
  const cut = value.indexOf("\\");
  return cut < 0 ? { name: value } : { domain: value.slice(0, cut), name: value.slice(cut + 1) };
}
