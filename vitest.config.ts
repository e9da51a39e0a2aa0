// Two projects, one command (`npm test`): `unit` runs pure tests with no I/O; `integration` runs tests that
// talk to the real Kafka broker and Elasticsearch node that test/setup/global-setup.ts provides.
import { defineConfig } from "vitest/config";

const integrationFiles = ["test/integration/**/*.test.ts", "**/*.int.test.ts"];

export default defineConfig({
  test: {
    reporters: process.env.CI ? ["default"] : ["default"],
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "processors/**/*.test.ts",
            "detections/**/*.test.ts",
            "mappings/**/*.test.ts",
            "infra/**/*.test.ts",
            "test/**/*.test.ts",
          ],
          exclude: ["node_modules/**", ...integrationFiles],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "integration",
          include: integrationFiles,
          exclude: ["node_modules/**"],
          globalSetup: ["test/setup/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Integration suites share one broker and one node; running files one at a time keeps the 2-core CI
          // machine from timing out, and each file still uses unique topic/index names.
          fileParallelism: false,
          // One retry for the multi-process Kafka scenarios, whose timing a saturated 2-core machine stretches. A
          // test that fails twice in a row still fails CI. (The losses it once hid after a rebalance are explained in
          // processors/runtime/README.md, Limits: one fixed, one a test pace beyond its lateness.)
          retry: 1,
        },
      },
    ],
  },
});
