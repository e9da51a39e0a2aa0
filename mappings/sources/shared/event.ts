// Builds the skeleton every normaliser fills: time, classification, observer and provenance. Keeping this in
// one place is what makes `gapwatch.provenance` and `event.original` uniform across families.
import { CANONICAL_SCHEMA_VERSION, type CanonicalEvent } from "../../schema/canonical-event.ts";
import type { NormaliseContext } from "../types.ts";
import { memoize } from "./memo.ts";

export interface EventSeed {
  timestamp: string;
  format: string;
  schema: string;
  dataset: string;
  kind?: CanonicalEvent["event"]["kind"];
  category: string[];
  type?: string[];
  action?: string;
  observer: CanonicalEvent["observer"];
  /** Overrides the record-level original (one sub-record of an envelope). */
  original?: string;
}

export function newEvent(context: NormaliseContext, seed: EventSeed): CanonicalEvent {
  const event: CanonicalEvent["event"] = { kind: seed.kind ?? "event", category: seed.category, dataset: seed.dataset };
  if (seed.type) event.type = seed.type;
  if (seed.action) event.action = seed.action;
  const original = seed.original ?? context.original;
  if (original !== undefined) event.original = original;
  return {
    "@timestamp": seed.timestamp,
    event,
    observer: seed.observer,
    gapwatch: {
      schema_version: CANONICAL_SCHEMA_VERSION,
      provenance: provenanceOf(context, seed.format, seed.schema),
    },
  };
}

function provenanceOf(
  context: NormaliseContext,
  format: string,
  schema: string,
): CanonicalEvent["gapwatch"]["provenance"] {
  const c = context.coordinates;
  const p: CanonicalEvent["gapwatch"]["provenance"] = { format, schema };
  if (c.topic !== undefined) p.topic = c.topic;
  if (c.partition !== undefined) p.partition = c.partition;
  if (c.offset !== undefined) p.offset = c.offset;
  if (c.file !== undefined) p.file = c.file;
  if (c.line !== undefined) p.line = c.line;
  return p;
}

/** `WRITE_SINGLE_REGISTER` / `Write Variable` / `write-property` -> `write_single_register` (ECS event.action). */
export function actionVerb(name: string | undefined): string | undefined {
  return name ? verbOf(name) : undefined;
}

const verbOf = memoize((name: string): string | undefined => {
  const verb = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  return verb || undefined;
});
