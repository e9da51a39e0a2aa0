// Correlation keys. A key definition is a list of fields that are all required (composite, like Sigma
// group-by); each entry may list alternatives separated by "|" of which the first present wins
// ("site.source.host.id|source.ip": the resolved EDR host when enrichment knows it, else the address).
// A field with several values (host.ip) yields one key per value: the event's state lives under each.
import { z } from "zod";
import { compileField, type FieldGetter, type Scalar } from "../language/field-path.ts";

const MAX_KEYS = 16;
const ALTERNATIVES = /^@?[a-z0-9_]+(\.[a-z0-9_]+)*(\|@?[a-z0-9_]+(\.[a-z0-9_]+)*)*$/;

export const KeyField = z.string().regex(ALTERNATIVES, 'field path, alternatives separated by "|"');
export const KeySpec = z.array(KeyField).min(1).max(4);
export type KeySpec = z.infer<typeof KeySpec>;

export type KeyFunction = (event: unknown) => string[];

/** Compiles a key spec into a function returning the event's keys (empty when a required field is missing). */
export function compileKey(spec: readonly string[]): KeyFunction {
  const parts: FieldGetter[][] = spec.map((entry) => entry.split("|").map(compileField));
  const valuesOf = (getters: FieldGetter[], event: unknown): Scalar[] => {
    for (const getter of getters) {
      const found = getter(event);
      if (found.length > 0) return found;
    }
    return NONE;
  };
  const first = parts[0]!;
  // Hot path (runs for every event and rule): one field with one value needs no combination or de-duplication.
  if (parts.length === 1) {
    return (event) => {
      const found = valuesOf(first, event);
      return found.length === 1 ? [String(found[0])] : found.length === 0 ? [] : combine([found]);
    };
  }
  return (event) => {
    const values: Scalar[][] = [];
    for (const getters of parts) {
      const found = valuesOf(getters, event);
      if (found.length === 0) return [];
      values.push(found);
    }
    return combine(values);
  };
}

const NONE: Scalar[] = [];

/** Every combination "v1|v2|..." in order, at most MAX_KEYS (counted before de-duplication), de-duplicated. */
function combine(values: Scalar[][]): string[] {
  let keys: string[] = [""];
  for (let i = 0; i < values.length; i++) {
    const next: string[] = [];
    for (const prefix of keys) {
      for (const value of values[i]!) {
        if (next.length < MAX_KEYS) next.push(i === 0 ? String(value) : `${prefix}|${value}`);
      }
    }
    keys = next;
  }
  return [...new Set(keys)];
}
