// Correlation keys. A key definition is a list of fields that are all required (composite, like Sigma
// group-by); each entry may list alternatives separated by "|" of which the first present wins
// ("site.source.host.id|source.ip": the resolved EDR host when enrichment knows it, else the address).
// A field with several values (host.ip) yields one key per value: the event's state lives under each.
import { z } from "zod";
import { compileField, type FieldGetter } from "../language/field-path.ts";

const MAX_KEYS = 16;
const ALTERNATIVES = /^@?[a-z0-9_]+(\.[a-z0-9_]+)*(\|@?[a-z0-9_]+(\.[a-z0-9_]+)*)*$/;

export const KeyField = z.string().regex(ALTERNATIVES, 'field path, alternatives separated by "|"');
export const KeySpec = z.array(KeyField).min(1).max(4);
export type KeySpec = z.infer<typeof KeySpec>;

export type KeyFunction = (event: unknown) => string[];

/** Compiles a key spec into a function returning the event's keys (empty when a required field is missing). */
export function compileKey(spec: readonly string[]): KeyFunction {
  const parts: FieldGetter[][] = spec.map((entry) => entry.split("|").map(compileField));
  return (event) => {
    let keys: string[] = [""];
    for (let i = 0; i < parts.length; i++) {
      let values: string[] = [];
      for (const getter of parts[i]!) {
        const found = getter(event);
        if (found.length > 0) {
          values = found.map(String);
          break;
        }
      }
      if (values.length === 0) return [];
      const next: string[] = [];
      for (const prefix of keys) {
        for (const value of values) {
          if (next.length < MAX_KEYS) next.push(i === 0 ? value : `${prefix}|${value}`);
        }
      }
      keys = next;
    }
    return [...new Set(keys)];
  };
}
