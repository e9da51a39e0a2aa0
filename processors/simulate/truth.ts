// Ground truth and scoring. Each injected chain records the entities it touched, when, and the ATT&CK for
// ICS techniques its incidents must carry; scoreIncidents matches the incidents gapwatch produced against it
// (by shared entity and overlapping time) and reports recall, false positives and detection latency.

export interface ChainTruth {
  /** Instance id, e.g. "s7-plc-stop#5". */
  chain: string;
  scenario: string;
  title: string;
  references: string[];
  techniques: string[];
  requiredTechniques: string[];
  expectedRules: string[];
  entities: { ips: string[]; hosts: string[]; users: string[] };
  startedAt: string;
  /** Event time of the record that completes the chain. */
  lastEventAt: string;
  endedAt: string;
  recordCount: number;
  /** When the expected rules can first fire (the trigger record's event time). */
  detectableAt: string;
  /** Records that happened at or before detectableAt: once all are delivered, the chain is detectable. */
  triggerRecordCount: number;
  /** Raw topics the chain's records were written to. */
  topics: string[];
}

/** The parts of an incident scoring needs, from either the internal model or the ECS document. */
export interface IncidentView {
  id: string;
  ruleId: string;
  ruleName: string;
  severity: string;
  techniques: string[];
  ips: string[];
  hosts: string[];
  firstSeen: number;
  lastSeen: number;
  path: string[];
}

export interface ChainScore {
  chain: string;
  scenario: string;
  detected: boolean;
  incidents: string[];
  rules: string[];
  techniquesFound: string[];
  missingTechniques: string[];
  missingRules: string[];
}

export interface Scorecard {
  expected: number;
  detected: number;
  recall: number;
  falsePositives: IncidentView[];
  precision: number;
  chains: ChainScore[];
}

/** Incidents may start a little before a chain's first record is delivered and end after it: allow slack. */
export function scoreIncidents(truth: ChainTruth[], incidents: IncidentView[], slackMs = 120_000): Scorecard {
  const matched = new Set<string>();
  const chains = truth.map((chain): ChainScore => {
    const from = Date.parse(chain.startedAt) - slackMs;
    const to = Date.parse(chain.endedAt) + slackMs;
    const ips = new Set(chain.entities.ips);
    const hosts = new Set(chain.entities.hosts.map((h) => h.toLowerCase()));
    const mine = incidents.filter(
      (incident) =>
        incident.lastSeen >= from &&
        incident.firstSeen <= to &&
        (incident.ips.some((ip) => ips.has(ip)) ||
          incident.hosts.some((h) => hosts.has(h.toLowerCase().split(".")[0]!))),
    );
    for (const incident of mine) matched.add(incident.id);
    const found = new Set(mine.flatMap((i) => i.techniques));
    const rules = [...new Set(mine.map((i) => i.ruleId))].sort();
    const missingTechniques = chain.requiredTechniques.filter((t) => !found.has(t));
    return {
      chain: chain.chain,
      scenario: chain.scenario,
      detected: mine.length > 0 && missingTechniques.length === 0,
      incidents: mine.map((i) => i.id),
      rules,
      techniquesFound: [...found].sort(),
      missingTechniques,
      missingRules: chain.expectedRules.filter((r) => !rules.includes(r)),
    };
  });
  const falsePositives = incidents.filter((i) => !matched.has(i.id));
  const detected = chains.filter((c) => c.detected).length;
  return {
    expected: truth.length,
    detected,
    recall: truth.length === 0 ? 1 : detected / truth.length,
    falsePositives,
    precision: incidents.length === 0 ? 1 : (incidents.length - falsePositives.length) / incidents.length,
    chains,
  };
}

/**
 * Chains that have an incident from one of their expected rules (any rule when none is listed): the moment
 * this first holds is the chain's detection time for latency figures; earlier incidents about the same
 * entities (an accumulated-risk update, a tool launch) do not count.
 */
export function chainsWithExpectedIncident(truth: ChainTruth[], incidents: IncidentView[]): Set<string> {
  const out = new Set<string>();
  for (const chain of truth) {
    const relevant =
      chain.expectedRules.length === 0 ? incidents : incidents.filter((i) => chain.expectedRules.includes(i.ruleId));
    if (scoreIncidents([chain], relevant).chains[0]!.incidents.length > 0) out.add(chain.chain);
  }
  return out;
}
