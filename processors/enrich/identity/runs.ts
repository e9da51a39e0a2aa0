// The time-versioned part of the lease table, as pure functions over plain data. For one IP, each host that
// was seen holding it has "runs": [from, to] intervals of observations with no other host's run starting
// inside. Replicas combine runs by interval union (merge overlapping runs of the same host), which is
// idempotent, commutative and associative, so updates from the compacted topic may arrive in any order and
// any number of times. Resolution asks "who was last seen holding this IP at or before t?".

export interface Run {
  from: number;
  to: number;
}

/** Hosts seen with one IP: host id -> its runs (sorted by from, non-overlapping) and last known name. */
export type HostRuns = Map<string, { name?: string; runs: Run[] }>;

export interface RunLimits {
  /** A host is taken to hold the IP for this long after it was last seen with it. */
  leaseTtlMs: number;
  /** ...and from this long before it was first seen (EDR inventory is periodic; sensor clocks skew). */
  backdateMs: number;
  /** Runs per IP kept (newest by `to`). */
  maxRunsPerIp: number;
  /** Runs ending this long before the newest run of the IP are dropped. */
  retentionMs: number;
}

/** Interval union of one host's runs (sorted, overlapping ones merged). */
export function unionRuns(a: readonly Run[], b: readonly Run[]): Run[] {
  const all = [...a, ...b].sort((x, y) => x.from - y.from || x.to - y.to);
  const out: Run[] = [];
  for (const r of all) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}

/**
 * Records that `host` held the IP at `t`: extends the host's run it continues (no other host's run starts
 * between that run and t) or starts a new run [t, t]. Returns true when the host's runs changed.
 */
export function observe(hosts: HostRuns, host: string, name: string | undefined, t: number): boolean {
  let entry = hosts.get(host);
  if (!entry) {
    entry = { runs: [] };
    hosts.set(host, entry);
  }
  if (name !== undefined) entry.name = name;
  const otherStartsIn = (lo: number, hi: number) => {
    for (const [id, e] of hosts) {
      if (id === host) continue;
      for (const r of e.runs) if (r.from > lo && r.from <= hi) return true;
    }
    return false;
  };
  const runs = entry.runs;
  for (let i = runs.length - 1; i >= 0; i--) {
    const r = runs[i]!;
    if (t >= r.from && t <= r.to) return false; // already known
    if (t > r.to) {
      if (otherStartsIn(r.to, t)) break;
      r.to = t;
      return true;
    }
    if (i === 0 && !otherStartsIn(t - 1, r.from)) {
      r.from = t; // a late observation just before the first run
      return true;
    }
  }
  entry.runs = unionRuns(runs, [{ from: t, to: t }]);
  return true;
}

/** Applies the bounds: drops runs older than the retention and keeps the newest `maxRunsPerIp`. Deterministic in the set of runs. */
export function prune(hosts: HostRuns, limits: RunLimits): void {
  let newest = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (const e of hosts.values()) {
    for (const r of e.runs) newest = Math.max(newest, r.to);
    count += e.runs.length;
  }
  const horizon = newest - limits.retentionMs;
  let cutoff = horizon;
  if (count > limits.maxRunsPerIp) {
    const ends = [...hosts.values()].flatMap((e) => e.runs.map((r) => r.to)).sort((a, b) => b - a);
    cutoff = Math.max(horizon, ends[limits.maxRunsPerIp - 1]! - 1);
  }
  for (const [id, e] of hosts) {
    e.runs = e.runs.filter((r) => r.to > cutoff);
    if (e.runs.length === 0) hosts.delete(id);
  }
}

export type Resolution = { host: string; name?: string } | { ambiguous: true } | undefined;

/** Who held the IP at t: the host last seen with it at or before t (within the lease TTL), else the first seen soon after. */
export function resolveAt(hosts: HostRuns, t: number, limits: RunLimits): Resolution {
  let best: string | undefined;
  let bestSeen = Number.NEGATIVE_INFINITY;
  let tie = false;
  let next: string | undefined;
  let nextFrom = Number.POSITIVE_INFINITY;
  for (const [id, e] of hosts) {
    for (const r of e.runs) {
      if (r.from <= t) {
        const seen = Math.min(r.to, t);
        if (seen > bestSeen) {
          bestSeen = seen;
          tie = false;
          best = id;
        } else if (seen === bestSeen && id !== best) tie = true;
      } else if (r.from < nextFrom) {
        nextFrom = r.from;
        next = id;
      }
    }
  }
  // Two hosts each seen both before and after t: the address is shared (NAT, a container bridge) or in dispute.
  if (best !== undefined && tie && bestSeen === t) return { ambiguous: true };
  if (best !== undefined && t - bestSeen <= limits.leaseTtlMs && !tie) return withName(hosts, best);
  if (next !== undefined && nextFrom - t <= limits.backdateMs) return withName(hosts, next);
  return tie ? { ambiguous: true } : undefined;
}

function withName(hosts: HostRuns, host: string): { host: string; name?: string } {
  const name = hosts.get(host)?.name;
  return name === undefined ? { host } : { host, name };
}
