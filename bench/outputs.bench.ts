// Outputs: cost of shaping incidents into ECS documents and of building bulk bodies (pure, always run), and bulk
// write throughput into the real Elasticsearch with concurrency 1 vs 2 (only when GAPWATCH_ES_URL is set).
import { Client } from "@elastic/elasticsearch";
import { defaultIncidentDocumentConfig } from "../processors/incident/config.ts";
import { shapeIncident } from "../processors/incident/core.ts";
import { pivotIncident, variantIncident } from "../processors/incident/fixtures/pivot-incident.ts";
import { bulkItems } from "../processors/runtime/adapters/elasticsearch/bulk-plan.ts";
import { openEsIncidentSink } from "../processors/runtime/adapters/elasticsearch/open.ts";

function rate(count: number, fn: () => void): number {
  const started = performance.now();
  fn();
  return Math.round(count / ((performance.now() - started) / 1000));
}

async function esThroughput(
  esUrl: string,
  docs: ReturnType<typeof shapeIncident>[],
  concurrency: number,
): Promise<number> {
  const index = `gw-bench-outputs-${Date.now().toString(36)}-${concurrency}`;
  const { sink } = await openEsIncidentSink({
    node: esUrl,
    index,
    partition: "none",
    bulk: { max_docs: 250, concurrency },
  });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, (_, i) => sink.write(docs.slice((i * docs.length) / 4, ((i + 1) * docs.length) / 4))),
  );
  const perSecond = Math.round(docs.length / ((performance.now() - started) / 1000));
  await sink.close();
  const es = new Client({ node: esUrl });
  await es.indices.delete({ index }, { ignore: [404] });
  await es.indices.deleteIndexTemplate({ name: `${index}-template` }, { ignore: [404] });
  await es.close();
  return perSecond;
}

export async function run(o: { quick: boolean }): Promise<Record<string, number | string | boolean>> {
  const n = o.quick ? 2000 : 20_000;
  const incidents = Array.from({ length: n }, (_, i) =>
    variantIncident({ id: `inc-bench-${i}`, key: `10.30.${i % 250}.1` }),
  );
  let docs: ReturnType<typeof shapeIncident>[] = [];
  shapeIncident(pivotIncident, defaultIncidentDocumentConfig); // warm-up
  const shapePerSecond = rate(n, () => {
    docs = incidents.map((incident) => shapeIncident(incident, defaultIncidentDocumentConfig));
  });
  let bytes = 0;
  const bulkPerSecond = rate(n, () => {
    bytes = bulkItems(docs, { index: "gapwatch-incidents", partition: "month" }, new Date().toISOString()).reduce(
      (sum, item) => sum + item.bytes,
      0,
    );
  });
  const figures: Record<string, number | string | boolean> = {
    outputs_shape_incidents_per_s: shapePerSecond,
    outputs_bulk_plan_docs_per_s: bulkPerSecond,
    outputs_bulk_bytes_per_doc: Math.round(bytes / n),
  };
  const esUrl = process.env.GAPWATCH_ES_URL;
  if (esUrl) {
    const sample = docs.slice(0, o.quick ? 1000 : 5000);
    const one = await esThroughput(esUrl, sample, 1);
    const two = await esThroughput(esUrl, sample, 2);
    figures.outputs_es_docs_per_s_concurrency_1 = one;
    figures.outputs_es_docs_per_s_concurrency_2 = two;
    figures.outputs_es_concurrency_2_vs_1_ratio = Math.round((two / one) * 100) / 100;
  } else {
    figures.outputs_es_skipped = "GAPWATCH_ES_URL not set";
  }
  return figures;
}
