// Engine configuration: how late events may arrive and how much state each rule may hold.
import { z } from "zod";
import type { CompiledRule } from "../../detections/language/compile-rule.ts";

export const EngineConfig = z.strictObject({
  allowedLatenessMs: z
    .number()
    .int()
    .min(0)
    .describe("Watermark = max event time seen on the partition minus this; older events are late"),
  stateBounds: z
    .strictObject({
      maxEntriesPerRule: z.number().int().min(1).describe("Keys of state kept per rule (LRU beyond it, counted)"),
      ttlMs: z.number().int().min(1).describe("Event-time idle time after which a key's state expires (counted)"),
    })
    .describe("Bounds of the per-rule state stores"),
  maxBufferedEvents: z
    .number()
    .int()
    .min(1)
    .default(100_000)
    .describe("Per-partition reorder buffer bound; beyond it the oldest event is released early (counted)"),
  maxOpenIncidentsPerRule: z
    .number()
    .int()
    .min(1)
    .default(10_000)
    .describe("Open (updatable) incidents kept per rule; the least recently updated are closed beyond it"),
});
export type EngineConfig = z.input<typeof EngineConfig>;

export interface EngineOptions extends EngineConfig {
  rules: CompiledRule[];
  /** Emit detection signals (dataset gapwatch.signal) for risk rules when incidents open (default true). */
  signals?: boolean;
  /**
   * Evaluate eager kinds (`match`) when an event arrives rather than when the watermark releases it (default
   * true): their incidents open without waiting the allowed lateness. The price: a suppression group's incident
   * is anchored on the first match event to ARRIVE, so an earlier-timed event arriving after it (out of order,
   * within the lateness) updates that incident instead of opening it. false: strict event-time order.
   */
  eager?: boolean;
}
