// Deterministic incident ids (rule, key, window start): reprocessing the same events rewrites the same
// Elasticsearch document and the same webhook dedup key instead of creating a duplicate.
import { createHash } from "node:crypto";

export function incidentId(ruleId: string, key: string, windowStart: number): string {
  const digest = createHash("sha256").update(`${ruleId}\u0000${key}\u0000${windowStart}`).digest("hex");
  return `${ruleId.toLowerCase()}-${digest.slice(0, 24)}`;
}
