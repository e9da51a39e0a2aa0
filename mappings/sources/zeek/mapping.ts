// What a per-log mapper returns: the protocol-specific part of the event. zeek.ts adds time, endpoints,
// provenance and the common fields.

import type { Classified } from "../../ics/classify.ts";
import type { CanonicalEvent, OtProtocol } from "../../schema/canonical-event.ts";
import { actionVerb } from "../shared/event.ts";
import { bounded } from "../shared/values.ts";
import type { JsonObject } from "../types.ts";

export type Ot = NonNullable<CanonicalEvent["ot"]>;

export interface LogMapping {
  /** Schema generation recorded in gapwatch.provenance.schema, e.g. "icsnpp-modbus_detailed/G3b". */
  generation: string;
  networkProtocol?: string;
  transport?: string;
  ot?: Ot;
  action?: string;
  outcome?: "success" | "failure" | "unknown";
  category?: string[];
  type?: string[];
  source?: { mac?: string };
  destination?: { mac?: string };
  communityId?: string;
  /** An account the protocol names (OPC UA ActivateSession user name); never a credential. */
  user?: { name: string };
}

export type LogMapper = (r: JsonObject, fromOriginator: boolean | undefined) => LogMapping;

export interface OtExtras {
  isRequest?: boolean | undefined;
  unitId?: number | undefined;
  target?: string | undefined;
  value?: string | undefined;
  result?: string | undefined;
}

/** The `ot` block from a classification plus what the log adds; undefined parts are left out. */
export function otBlock(protocol: OtProtocol, fn: Classified, extras: OtExtras = {}): Ot {
  const ot: Ot = { protocol, action: fn.action };
  if (fn.code !== undefined || fn.name !== undefined) {
    ot.function = {};
    if (fn.code !== undefined) ot.function.code = fn.code;
    if (fn.name !== undefined) ot.function.name = fn.name;
  }
  if (extras.isRequest !== undefined) ot.is_request = extras.isRequest;
  if (extras.unitId !== undefined) ot.unit_id = extras.unitId;
  if (extras.target !== undefined) ot.target = bounded(extras.target);
  // Credentials are never copied into ot.value: auth operations keep no value at all.
  if (extras.value !== undefined && fn.action !== "auth") ot.value = bounded(extras.value);
  if (extras.result !== undefined) ot.result = bounded(extras.result, 128);
  return ot;
}

export function mapped(
  generation: string,
  networkProtocol: string,
  ot: Ot,
  outcome?: LogMapping["outcome"],
): LogMapping {
  const m: LogMapping = { generation, networkProtocol, ot, type: ["protocol"] };
  const verb = actionVerb(ot.function?.name);
  if (verb) m.action = verb;
  if (outcome) m.outcome = outcome;
  return m;
}

/** `key=value` pairs for ot.target, skipping absent parts. */
export function targetOf(parts: [string, string | number | undefined][]): string | undefined {
  // One string built in place (no filtered/mapped intermediate arrays): this runs for most ICS records.
  let out: string | undefined;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const v = part[1];
    if (v === undefined || v === "") continue;
    out = out === undefined ? `${part[0]}=${v}` : `${out} ${part[0]}=${v}`;
  }
  return out;
}
