// Reads analysts' triage back from the incident indices: incidents set to acknowledged or closed, so the delivery
// stage can send acknowledge/resolve to on-call (processors/deliver/triage-sync.ts). Evidence is left out: a page
// never needs it. Shares the sink's client; valid until the sink is closed.
import type { Client } from "@elastic/elasticsearch";
import type { IncidentDocument } from "../../../incident/schema.ts";
import type { TriageReader } from "../../ports/incident-sink.ts";

export class EsTriageReader implements TriageReader {
  constructor(
    private readonly client: Client,
    private readonly index: string,
  ) {}

  async triaged(options: { since: string; limit: number }): Promise<IncidentDocument[]> {
    const response = await this.client.search<IncidentDocument>({
      index: `${this.index}*`,
      ignore_unavailable: true,
      allow_no_indices: true,
      size: options.limit,
      sort: [{ "gapwatch.last_seen": "desc" }],
      query: {
        bool: {
          filter: [
            { terms: { "gapwatch.status": ["acknowledged", "closed"] } },
            { range: { "gapwatch.last_seen": { gte: options.since } } },
          ],
        },
      },
      _source: { excludes: ["gapwatch.evidence"] },
    });
    return response.hits.hits.flatMap((hit) =>
      hit._source ? [{ ...hit._source, gapwatch: { ...hit._source.gapwatch, evidence: [] } }] : [],
    );
  }
}
