// Scale-out routing (Kafka Streams repartition-by-groupBy): the distinct correlation keys under which an
// event's state lives across all rules. The runtime produces the event once per key to the keyed events
// topic; the owner of each key's partition calls process(event, partition, { key }) and evaluates only the
// rules whose key for the event equals that key, so every key's state lives in exactly one place.
import type { CompiledRule } from "../../detections/language/compile-rule.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { ruleKeys } from "./rule-runtime.ts";

export function routingKeysForRules(rules: readonly CompiledRule[], event: CanonicalEvent): string[] {
  const keys = new Set<string>();
  for (const rule of rules) for (const key of ruleKeys(rule, event)) keys.add(key);
  return [...keys].sort();
}

/** routingKeys(engine or rules, event): the keys to produce this event under. */
export function routingKeys(
  source: { rules: readonly CompiledRule[] } | readonly CompiledRule[],
  event: CanonicalEvent,
): string[] {
  return routingKeysForRules("rules" in source ? source.rules : source, event);
}
