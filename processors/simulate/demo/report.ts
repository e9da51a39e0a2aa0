// What the demo prints: one line per incident as it is opened, then a scorecard against the ground truth
// and where to look next. Plain text on stdout (it is the product's first impression); JSON with --json.
import { describeIncident } from "../incident-view.ts";
import type { IncidentView, Scorecard } from "../truth.ts";

export interface DemoResult {
  mode: "kafka" | "offline";
  card: Scorecard;
  incidents: IncidentView[];
  /** ms from a chain's last record being delivered (acked by Kafka, or read by replay) to its first incident. */
  latencyMs: Record<string, number>;
  records: number;
  elapsedMs: number;
  where: string[];
}

export interface DemoOutput {
  line(text: string): void;
  progress(text: string): void;
}

export function printIncident(out: DemoOutput, view: IncidentView, change: "opened" | "updated"): void {
  if (change === "opened") out.line(`  incident ${describeIncident(view)}`);
}

function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function printScorecard(out: DemoOutput, result: DemoResult): void {
  const { card } = result;
  out.line("");
  out.line(`scorecard (${result.mode}, ${result.records} records in ${(result.elapsedMs / 1000).toFixed(1)} s)`);
  for (const chain of card.chains) {
    const mark = chain.detected ? "detected" : "MISSED  ";
    const latency = result.latencyMs[chain.chain];
    const missingRules =
      chain.missingRules.length > 0 ? ` (expected ${chain.missingRules.join(",")} did not fire)` : "";
    const extra = chain.detected
      ? `rules ${chain.rules.join(",")}; ATT&CK ${chain.techniquesFound.join(",")}${missingRules}`
      : `missing ${chain.missingTechniques.join(",") || "incident"}${missingRules}`;
    out.line(`  ${mark} ${chain.chain.padEnd(32)} ${latency === undefined ? "" : `${latency} ms  `}${extra}`);
  }
  out.line(
    `  detected ${card.detected}/${card.expected} chains, false positives on background traffic: ${card.falsePositives.length}`,
  );
  for (const fp of card.falsePositives.slice(0, 10)) out.line(`    false positive: ${describeIncident(fp)}`);
  const latencies = Object.values(result.latencyMs);
  const p50 = percentile(latencies, 50);
  if (p50 !== undefined)
    out.line(
      `  detection latency: p50 ${p50} ms, max ${Math.max(...latencies)} ms (last event delivered -> incident ${result.mode === "kafka" ? "searchable in Elasticsearch" : "emitted"})`,
    );
  if (result.where.length > 0) {
    out.line("");
    for (const line of result.where) out.line(line);
  }
}
