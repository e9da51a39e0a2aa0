// Options for shaping incidents into ECS documents. Strict: unknown keys are rejected.
import { z } from "zod";

export const IncidentDocumentConfig = z
  .strictObject({
    max_evidence: z
      .number()
      .int()
      .min(1)
      .max(200)
      .default(20)
      .describe("Evidence events kept per incident document (oldest half and newest half when there are more)."),
    max_original_chars: z
      .number()
      .int()
      .min(0)
      .max(65_536)
      .default(2048)
      .describe("Characters of each evidence event's raw record kept in gapwatch.evidence.original (0 drops it)."),
    tags: z.array(z.string()).default([]).describe("Extra values added to every incident's ECS `tags`."),
  })
  .describe("How incidents are written as ECS documents.");
export type IncidentDocumentConfig = z.infer<typeof IncidentDocumentConfig>;

export const defaultIncidentDocumentConfig: IncidentDocumentConfig = IncidentDocumentConfig.parse({});
