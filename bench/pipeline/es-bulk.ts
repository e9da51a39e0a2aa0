// The batch alternative: a SIEM that indexes everything and queries on a schedule must first index every
// event. Index the same records with the client's bulk helper (5 MB requests, two in flight for two cores),
// one index per source as a SIEM's integrations do (a single index would fail on conflicting field types),
// and report documents/s.
import { Client } from "@elastic/elasticsearch";

export async function esBulkIndex(
  esUrl: string,
  index: string,
  messages: Array<{ value: string; topic: string }>,
): Promise<{ docsPerSecond: number; failed: number; esVersion: string }> {
  const client = new Client({ node: esUrl, requestTimeout: 120_000 });
  try {
    // The integ-test distribution answers GET / with 405; the node list carries the version as well.
    const nodes = (await client.cat.nodes({ h: "version", format: "json" })) as Array<{ version?: string }>;
    await client.indices.create({
      index,
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: { dynamic: true },
    });
    const started = performance.now();
    const result = await client.helpers.bulk({
      datasource: messages.map((m) => ({ doc: JSON.parse(m.value) as Record<string, unknown>, topic: m.topic })),
      onDocument: (m) => [{ index: { _index: `${index}-${m.topic.replaceAll(".", "-")}` } }, m.doc],
      flushBytes: 5_000_000,
      concurrency: 2,
      refreshOnCompletion: `${index}-*`,
      onDrop: () => undefined,
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      docsPerSecond: result.successful / seconds,
      failed: result.failed,
      esVersion: nodes[0]?.version ?? "unknown",
    };
  } finally {
    await client.indices
      .delete({ index: `${index}-*`, ignore_unavailable: true, allow_no_indices: true })
      .catch(() => undefined);
    await client.indices.deleteIndexTemplate({ name: index }).catch(() => undefined);
    await client.close();
  }
}

/** Removes the indices a benchmark run created (its unique prefix). */
export async function deleteIndices(esUrl: string, prefix: string): Promise<void> {
  const client = new Client({ node: esUrl });
  try {
    await client.indices.delete({ index: `${prefix}*`, ignore_unavailable: true, allow_no_indices: true });
  } finally {
    await client.close();
  }
}
