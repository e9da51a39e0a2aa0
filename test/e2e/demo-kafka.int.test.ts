// The demo over the real broker and Elasticsearch: the simulated plant streamed through `gapwatch run`'s
// service detects every chain with no false positive, with the same rules as replay over the same records.

import { describe, expect, it } from "vitest";
import { createEsClient } from "../../processors/runtime/adapters/elasticsearch/client.ts";
import { EsSinkConfig } from "../../processors/runtime/adapters/elasticsearch/config.ts";
import { simulateConfig } from "../../processors/simulate/config.ts";
import { createSimulation } from "../../processors/simulate/core.ts";
import { runOnlineDemo } from "../../processors/simulate/demo/online.ts";
import { testStack, uniqueName } from "../support/stack.ts";
import { E2E_CONFIG, simulateAndReplay } from "./support.ts";

describe("demo over Kafka and Elasticsearch", () => {
  it("detects every chain with the rules replay uses, and no false positive", async () => {
    const stack = testStack();
    const index = uniqueName("gapwatch-e2e-incidents");
    const runId = uniqueName("e2e").replace(/^e2e-/, "");
    const quiet = { line: () => undefined, progress: () => undefined };
    try {
      const simulation = createSimulation(simulateConfig(E2E_CONFIG));
      const result = await runOnlineDemo(
        simulation,
        {
          brokers: stack.kafkaBrokers,
          esUrl: stack.esUrl,
          runId,
          dir: `/tmp/gapwatch-e2e-${runId}`,
          compression: 30,
          settleMs: 30_000,
          keepTopics: false,
          index,
        },
        quiet,
      );
      expect(result.card.chains.filter((c) => !c.detected).map((c) => c.chain)).toEqual([]);
      expect(result.card.falsePositives.map((i) => `${i.ruleId} ${i.ips.join(",")}`)).toEqual([]);
      // Streaming drops records that arrive later than the allowed lateness (a conn.log record is written when
      // its session ends, minutes after its `ts`); replay sorts everything by event time first. So the two can
      // differ in incident ids, but every chain must be caught by the same rules either way.
      const replayed = await simulateAndReplay();
      const rulesPerChain = (card: typeof result.card) =>
        Object.fromEntries(card.chains.map((c) => [c.chain, c.rules]));
      expect(rulesPerChain(result.card)).toEqual(rulesPerChain(replayed.card));
    } finally {
      const es = createEsClient(EsSinkConfig.parse({ node: stack.esUrl }));
      await es.indices
        .delete({ index: `${index}*`, ignore_unavailable: true, allow_no_indices: true })
        .catch(() => undefined);
      await es.close();
    }
  }, 300_000);
});
