// Detection latency: stream rounds of the plant's traffic with every attack chain into the raw topic while
// gapwatch runs, note when each chain's last record is acknowledged by Kafka, and poll Elasticsearch until
// an incident about that chain is searchable. Rounds are 12 simulated hours apart, longer than any rule's
// suppression, so each round opens new incidents.
import { Client } from "@elastic/elasticsearch";
import hdr from "hdr-histogram-js";
import type { Kafka } from "kafkajs";
import { simulateConfig } from "../../processors/simulate/config.ts";
import { createSimulation } from "../../processors/simulate/core.ts";
import { toIncidentView } from "../../processors/simulate/incident-view.ts";
import { streamSimulation } from "../../processors/simulate/stream.ts";
import { chainsWithExpectedIncident } from "../../processors/simulate/truth.ts";

export interface LatencyResult {
  p50: number;
  p99: number;
  max: number;
  samples: number;
  missed: number;
  /** Latency (ms) per chain name, every round: shows which rule kinds set the tail. */
  byChain: Record<string, number[]>;
}

export async function measureDetectionLatency(
  kafka: Kafka,
  esUrl: string,
  rawTopic: string,
  index: string,
  rounds: number,
  baseStart: number,
  compression: number,
): Promise<LatencyResult> {
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000,
    numberOfSignificantValueDigits: 3,
  });
  const client = new Client({ node: esUrl });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let samples = 0;
  let missed = 0;
  const byChain: Record<string, number[]> = {};
  try {
    for (let round = 0; round < rounds; round++) {
      const start = new Date(baseStart + (round + 1) * 12 * 3_600_000).toISOString();
      const simulation = createSimulation(
        simulateConfig({
          seed: `latency-${round}`,
          start,
          durationMinutes: 16,
          firstScenarioAtMinutes: 1,
          scenarioSpacingMinutes: 1,
          plant: { itHosts: 50 },
        }),
      );
      const acked = new Map<string, number>();
      const detected = new Map<string, number>();
      let streaming = true;
      const poller = (async () => {
        while (streaming || detected.size < simulation.truth.length) {
          const response = await client
            .search({ index, size: 500, query: { range: { "gapwatch.last_seen": { gte: start } } } })
            .catch(() => undefined);
          const now = Date.now();
          if (response) {
            const views = response.hits.hits.map((h) => toIncidentView(h._source));
            for (const chain of chainsWithExpectedIncident(simulation.truth, views)) {
              if (!detected.has(chain) && acked.has(chain)) detected.set(chain, now);
            }
          }
          if (!streaming && [...acked.keys()].every((c) => detected.has(c) || now - (acked.get(c) ?? now) > 15_000))
            break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      await streamSimulation(simulation, {
        sink: {
          send: (records) =>
            producer
              .send({ topic: rawTopic, acks: -1, messages: records.map((r) => ({ key: r.key, value: r.value })) })
              .then(() => undefined),
        },
        compression,
        now: () => Date.now(),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        batchSize: 200,
        onChainComplete: (chain, at) => acked.set(chain, at),
      });
      streaming = false;
      await poller;
      for (const [chain, at] of acked) {
        const seen = detected.get(chain);
        if (seen === undefined) missed += 1;
        else {
          histogram.recordValue(Math.max(1, seen - at));
          samples += 1;
          byChain[chain] = [...(byChain[chain] ?? []), seen - at];
        }
      }
    }
  } finally {
    await producer.disconnect();
    await client.close();
  }
  return {
    p50: histogram.getValueAtPercentile(50),
    p99: histogram.getValueAtPercentile(99),
    max: histogram.maxValue,
    samples,
    missed,
    byChain,
  };
}
