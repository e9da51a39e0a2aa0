// Evidence kept in per-key state (samples of the windowed aggregate kinds) is stored packed: the event's JSON
// text. With a million tracked entities the retained event objects dominated the state (~670 bytes each as
// objects vs ~350 as one flat string), and a sample is only read back when a window opens (rare).
// Packed state stays plain JSON, so snapshots are unaffected; objects (state restored from a version 1
// snapshot) are accepted as they are.
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";

/** An event as stored in state: its JSON text (or the object itself in state from older snapshots). */
export type PackedEvent = string | CanonicalEvent;

/**
 * The text of each event already packed, so that rules sampling the same event (risk and distinct both keep
 * one per tracked entity) hold one string between them, not one each: with enriched events of ~2 kB that was
 * half the state of a tracked entity. Weak: the entry goes with the event.
 */
const packed = new WeakMap<CanonicalEvent, string>();

export function packEvent(event: CanonicalEvent): PackedEvent {
  let text = packed.get(event);
  if (text !== undefined) return text;
  text = JSON.stringify(event);
  // JSON.stringify returns a rope of its internal chunks (~40% overhead at this size); reading a character
  // flattens it in place and the garbage collector then drops the rope nodes. The check is always true.
  text = text.charCodeAt(0) === 123 ? text : text;
  packed.set(event, text);
  return text;
}

export function unpackEvent(packed: PackedEvent): CanonicalEvent {
  return typeof packed === "string" ? (JSON.parse(packed) as CanonicalEvent) : packed;
}
