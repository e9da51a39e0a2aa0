// Version locking (like elastic/detection-rules' version lock): a hash of each rule's detection logic is
// recorded with its version in detections/rules/versions.lock.json. Changing the logic without bumping
// `version` fails the catalogue test; `gapwatch rules lock` records new versions after review.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import type { CompiledRule } from "../language/compile-rule.ts";

export type VersionLock = Record<string, { version: number; hash: string }>;

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Hash of what decides detections (not titles, prose or dates). */
export function logicHash(rule: CompiledRule): string {
  const c = rule.common;
  const logic = {
    kind: c.kind,
    params: rule.params,
    exceptions: c.exceptions,
    suppression: c.suppression,
    severity: c.severity,
    risk_score: c.risk_score,
    severity_overrides: c.severity_overrides,
    risk_score_from: c.risk_score_from,
    attack: c.attack,
  };
  return createHash("sha256").update(stable(logic)).digest("hex").slice(0, 16);
}

export async function readLock(file: string): Promise<VersionLock> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as VersionLock;
  } catch {
    return {};
  }
}

/** Problems: logic changed at the same version, or version went backwards. */
export function checkLock(rules: readonly CompiledRule[], lock: VersionLock): string[] {
  const problems: string[] = [];
  for (const rule of rules) {
    const locked = lock[rule.id];
    if (!locked) {
      problems.push(`${rule.id} ${rule.file}: not in versions.lock.json (run gapwatch rules lock)`);
      continue;
    }
    const version = rule.common.version;
    if (version < locked.version)
      problems.push(`${rule.id} ${rule.file}: version ${version} is below the locked ${locked.version}`);
    else if (version === locked.version && logicHash(rule) !== locked.hash) {
      problems.push(
        `${rule.id} ${rule.file}: detection logic changed without a version bump (bump version, then gapwatch rules lock)`,
      );
    }
  }
  return problems;
}

export async function writeLock(
  file: string,
  rules: readonly CompiledRule[],
  previous: VersionLock,
): Promise<VersionLock> {
  const next: VersionLock = { ...previous };
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id)))
    next[rule.id] = { version: rule.common.version, hash: logicHash(rule) };
  const sorted = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(file, `${JSON.stringify(sorted, null, 2)}\n`);
  return sorted;
}
