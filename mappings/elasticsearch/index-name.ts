// Which index an incident lives in. Monthly indices are keyed by the incident's window start, which is part of
// its deterministic id, so every update of an incident lands in the same index as its first insert.
export type IndexPartition = "none" | "month";

export function incidentIndexName(base: string, partition: IndexPartition, windowStart: string): string {
  if (partition === "none") return base;
  return `${base}-${windowStart.slice(0, 4)}.${windowStart.slice(5, 7)}`;
}
