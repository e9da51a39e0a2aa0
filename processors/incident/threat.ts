// ATT&CK technique ids to ECS `threat` entries: one entry per framework (ICS first, then Enterprise), each with
// parallel id/name/reference arrays for tactics and techniques. Names always come from the pinned catalog.
import { type AttackTactic, lookupTechnique } from "../../mappings/attack/catalog.ts";
import type { ThreatEntry } from "./schema.ts";

const FRAMEWORK = { ics: "MITRE ATT&CK for ICS", enterprise: "MITRE ATT&CK" } as const;

interface Refs {
  id: string[];
  name: string[];
  reference: string[];
}

function push(refs: Refs, item: { id: string; name: string; reference: string }): void {
  if (refs.id.includes(item.id)) return;
  refs.id.push(item.id);
  refs.name.push(item.name);
  refs.reference.push(item.reference);
}

const empty = (): Refs => ({ id: [], name: [], reference: [] });

/** Unknown ids (the rule catalogue test rejects them) still appear, named by their id, so nothing is lost. */
export function buildThreat(techniqueIds: readonly string[]): ThreatEntry[] {
  const byDomain = new Map<"ics" | "enterprise", { tactic: Refs; technique: Refs; sub: Refs }>();
  for (const rawId of techniqueIds) {
    const id = rawId.trim().toUpperCase();
    const parentId = id.split(".")[0] ?? id;
    const technique = lookupTechnique(parentId);
    const domain = technique?.domain ?? (parentId.startsWith("T08") ? "ics" : "enterprise");
    let entry = byDomain.get(domain);
    if (!entry) {
      entry = { tactic: empty(), technique: empty(), sub: empty() };
      byDomain.set(domain, entry);
    }
    push(entry.technique, technique ?? { id: parentId, name: parentId, reference: referenceOf(parentId) });
    if (id !== parentId) {
      const sub = lookupTechnique(id);
      push(entry.sub, sub ?? { id, name: id, reference: referenceOf(id) });
    }
    const tactics: AttackTactic[] = [...(technique?.tactics ?? []), ...(lookupTechnique(id)?.tactics ?? [])];
    for (const tactic of tactics) push(entry.tactic, tactic);
  }
  const out: ThreatEntry[] = [];
  for (const domain of ["ics", "enterprise"] as const) {
    const entry = byDomain.get(domain);
    if (!entry) continue;
    out.push({
      framework: FRAMEWORK[domain],
      tactic: entry.tactic,
      technique: entry.sub.id.length > 0 ? { ...entry.technique, subtechnique: entry.sub } : entry.technique,
    });
  }
  return out;
}

function referenceOf(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace(".", "/")}/`;
}
