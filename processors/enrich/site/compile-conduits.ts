// Conduits and maintenance windows of a validated document -> compiled form, with the cross-reference checks
// that need the zones and assets already compiled (compile.ts). A reference to an unknown id is an error at
// the key that holds it; a reference that can never match (an allowed source asset outside the source zone)
// is a warning.
import type { OtAction } from "../../../mappings/schema/canonical-event.ts";
import { parseFunctionEntry } from "../conduit/functions.ts";
import type { IssueSink, KeyPath } from "./issues.ts";
import type { Asset, CompiledService, Conduit, Identity, Zone } from "./model.ts";
import type { ConduitInput, ServiceInput, WindowInput } from "./schema.ts";
import { assertTimezone, compileWindow, type MaintenanceWindow } from "./windows.ts";

export function compileWindows(
  inputs: WindowInput[] | undefined,
  timezone: string | undefined,
  sink: IssueSink,
): Map<string, MaintenanceWindow> {
  const windows = new Map<string, MaintenanceWindow>();
  let tz = timezone;
  if (tz !== undefined) {
    try {
      assertTimezone(tz);
    } catch {
      sink.error(["site", "timezone"], "bad_timezone", `"${tz}" is not an IANA timezone (e.g. America/Chicago)`);
      tz = undefined;
    }
  }
  inputs?.forEach((input, i) => {
    if (windows.has(input.id)) {
      sink.error(["maintenance_windows", i, "id"], "duplicate_id", `maintenance window id "${input.id}" is used twice`);
      return;
    }
    try {
      windows.set(input.id, compileWindow(input, tz));
    } catch (error) {
      sink.error(["maintenance_windows", i, "rrule"], "bad_rrule", `invalid RRULE: ${(error as Error).message}`);
    }
  });
  return windows;
}

export function resolveWindowIds(
  ids: string[] | undefined,
  path: KeyPath,
  windows: ReadonlyMap<string, MaintenanceWindow>,
  sink: IssueSink,
): MaintenanceWindow[] {
  const out: MaintenanceWindow[] = [];
  ids?.forEach((id, k) => {
    const w = windows.get(id);
    if (w) out.push(w);
    else sink.error([...path, k], "unknown_window", `maintenance window "${id}" is not defined in maintenance_windows`);
  });
  return out;
}

export function compileService(input: ServiceInput, path: KeyPath, sink: IssueSink): CompiledService {
  const service: CompiledService = { app: input.app };
  if (input.transport) service.transport = input.transport;
  if (input.ports) {
    service.ports = input.ports.map((p, k) => {
      if (typeof p === "number") return [p, p];
      const [low, high] = p.split("-").map(Number) as [number, number];
      if (low > high || high > 65535) sink.error([...path, "ports", k], "bad_port_range", `"${p}" is not a port range`);
      return [low, high];
    });
  }
  const functions = (key: "functions_allowed" | "functions_denied") => {
    const list = input[key];
    if (!list) return undefined;
    const names = new Set<string>();
    list.forEach((entry, k) => {
      const { app, name } = parseFunctionEntry(entry);
      // UMAS rides on Modbus function 90: allow `umas:` entries under a modbus service.
      if (app !== undefined && app !== input.app && !(app === "umas" && input.app === "modbus")) {
        sink.error([...path, key, k], "function_app_mismatch", `"${entry}" names app ${app} in a ${input.app} service`);
      }
      if (name === "") sink.error([...path, key, k], "bad_function", `"${entry}" names no function`);
      names.add(name);
    });
    return names;
  };
  const allowed = functions("functions_allowed");
  const denied = functions("functions_denied");
  if (allowed) service.functionsAllowed = allowed;
  if (denied) service.functionsDenied = denied;
  if (input.actions_allowed) service.actionsAllowed = new Set<OtAction>(input.actions_allowed);
  if (input.actions_denied) service.actionsDenied = new Set<OtAction>(input.actions_denied);
  for (const name of allowed ?? []) {
    if (denied?.has(name))
      sink.warn([...path, "functions_denied"], "function_both", `"${name}" is both allowed and denied: denied wins`);
  }
  return service;
}

function assetSet(
  ids: string[] | undefined,
  path: KeyPath,
  assets: ReadonlyMap<string, Asset>,
  zone: string | undefined,
  sink: IssueSink,
): ReadonlySet<string> | undefined {
  if (!ids) return undefined;
  ids.forEach((id, k) => {
    const asset = assets.get(id);
    if (!asset) sink.error([...path, k], "unknown_asset", `asset "${id}" is not defined in assets`);
    else if (zone !== undefined && asset.zone.id !== zone) {
      sink.warn(
        [...path, k],
        "asset_outside_zone",
        `asset "${id}" is in zone ${asset.zone.id}, not ${zone}: it never matches`,
      );
    }
  });
  return new Set(ids);
}

export function compileConduits(
  inputs: ConduitInput[] | undefined,
  refs: {
    zones: ReadonlyMap<string, Zone>;
    assets: ReadonlyMap<string, Asset>;
    identities: ReadonlyMap<string, Identity>;
    windows: ReadonlyMap<string, MaintenanceWindow>;
  },
  sink: IssueSink,
): Conduit[] {
  const seen = new Set<string>();
  const conduits: Conduit[] = [];
  inputs?.forEach((input, i) => {
    const path = ["conduits", i] as const;
    if (seen.has(input.id)) {
      sink.error([...path, "id"], "duplicate_id", `conduit id "${input.id}" is used twice`);
      return;
    }
    seen.add(input.id);
    for (const key of ["src_zone", "dst_zone"] as const) {
      if (!refs.zones.has(input[key])) {
        sink.error([...path, key], "unknown_zone", `zone "${input[key]}" is not defined in zones`);
      }
    }
    const direction = input.direction ?? "src_to_dst";
    const conduit: Conduit = {
      id: input.id,
      srcZone: input.src_zone,
      dstZone: input.dst_zone,
      direction,
      services: input.services.map((s, k) => compileService(s, [...path, "services", k], sink)),
      requireMfa: input.require?.mfa === true,
      requireTicket: input.require?.approved_ticket === true,
      windows: resolveWindowIds(input.windows, [...path, "windows"], refs.windows, sink),
      windowScope: input.window_scope ?? "all",
      input,
    };
    if (input.name !== undefined) conduit.name = input.name;
    // A bidirectional conduit may be initiated from either side, so its asset lists are not tied to one zone.
    const srcZone = direction === "bidirectional" ? undefined : input.src_zone;
    const dstZone = direction === "bidirectional" ? undefined : input.dst_zone;
    const src = assetSet(input.allowed_src_assets, [...path, "allowed_src_assets"], refs.assets, srcZone, sink);
    const dst = assetSet(input.allowed_dst_assets, [...path, "allowed_dst_assets"], refs.assets, dstZone, sink);
    const via = assetSet(input.via, [...path, "via"], refs.assets, srcZone, sink);
    if (src) conduit.allowedSrcAssets = src;
    if (dst) conduit.allowedDstAssets = dst;
    if (via) conduit.via = via;
    if (input.identities) {
      input.identities.forEach((id, k) => {
        if (!refs.identities.has(id)) {
          sink.error([...path, "identities", k], "unknown_identity", `identity "${id}" is not defined in identities`);
        }
      });
      conduit.identities = new Set(input.identities);
    }
    if (input.window_scope !== undefined && !input.windows?.length) {
      sink.warn([...path, "window_scope"], "scope_without_windows", "window_scope has no effect without windows");
    }
    conduits.push(conduit);
  });
  return conduits;
}
