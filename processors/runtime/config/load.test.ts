import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.ts";
import { resolveEnv } from "./env.ts";
import { parseConfig } from "./load.ts";
import { GapwatchConfig } from "./schema.ts";

const minimal = `kafka:
  brokers: [127.0.0.1:29092]
topics:
  raw:
    - name: ot.zeek
detection:
  site: site.yaml
`;

/** The ConfigError parsing `text` must throw. */
function configErrorOf(text: string, file: string): ConfigError {
  try {
    parseConfig(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  return expect.unreachable("parseConfig accepted an invalid config");
}

describe("config", () => {
  it("fills every default and resolves paths against the config file", () => {
    const { config } = parseConfig(minimal, "/etc/gapwatch/gapwatch.yaml");
    expect(config.topics.events.name).toBe("gapwatch.events");
    expect(config.topics.raw[0]?.format).toBe("auto");
    expect(config.runtime.roles).toEqual(["route", "correlate"]);
    expect(config.detection.site).toBe("/etc/gapwatch/site.yaml");
  });

  it("names the key, file and line of an invalid value", () => {
    const text = minimal.replace("detection:", "runtime:\n  snapshot_interval_ms: soon\ndetection:");
    const e = configErrorOf(text, "g.yaml");
    expect(e.message).toContain("runtime.snapshot_interval_ms");
    expect(e.location).toMatchObject({ file: "g.yaml", line: 7, field: "runtime.snapshot_interval_ms" });
  });

  it("refuses triage sync without Elasticsearch, naming the key and its line", () => {
    const text = `${minimal}delivery:
  targets:
    - id: oncall
      format: json
      url: http://127.0.0.1:9/hook
      secret: s3cret
  triage_sync:
    enabled: true
`;
    const e = configErrorOf(text, "g.yaml");
    expect(e.message).toMatch(/elasticsearch/);
    expect(e.location).toMatchObject({ file: "g.yaml", line: 15, field: "delivery.triage_sync.enabled" });
    const withEs = `${text}elasticsearch:\n  node: http://127.0.0.1:9200\n`;
    expect(parseConfig(withEs, "g.yaml").config.delivery?.triage_sync.enabled).toBe(true);
  });

  it("rejects unknown keys", () => {
    expect(() => parseConfig(`${minimal}  rule_dir: x\n`, "g.yaml")).toThrow(/unrecognized key|rule_dir/i);
  });

  it("applies GAPWATCH_* overrides resolved against the schema", () => {
    const { config, unmatchedEnv } = parseConfig(minimal, "g.yaml", {
      GAPWATCH_KAFKA_BROKERS: "a:1,b:2",
      GAPWATCH_ES_URL: "http://es:9200",
      GAPWATCH_KAFKA_SASL_MECHANISM: "scram-sha-512",
      GAPWATCH_KAFKA_SASL_USERNAME: "svc",
      GAPWATCH_KAFKA_SASL_PASSWORD: "s3cret",
      GAPWATCH_RUNTIME_SNAPSHOT_INTERVAL_MS: "250",
      GAPWATCH_NOT_A_KEY: "x",
    });
    expect(config.kafka.brokers).toEqual(["a:1", "b:2"]);
    expect(config.elasticsearch?.node).toBe("http://es:9200");
    expect(config.kafka.sasl?.password).toBe("s3cret");
    expect(config.runtime.snapshot_interval_ms).toBe(250);
    expect(unmatchedEnv).toEqual(["GAPWATCH_NOT_A_KEY"]);
  });

  it("blames the environment variable for an invalid override without printing its value", () => {
    expect(() => parseConfig(minimal, "g.yaml", { GAPWATCH_KAFKA_SASL_PASSWORD: "hunter2" })).toThrow(
      /GAPWATCH_KAFKA_SASL_PASSWORD/,
    );
    try {
      parseConfig(minimal, "g.yaml", { GAPWATCH_KAFKA_SASL_PASSWORD: "hunter2" });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("hunter2");
    }
  });

  it("resolves nested snake_case keys longest first", () => {
    const { overrides } = resolveEnv(GapwatchConfig, { GAPWATCH_DETECTION_STATE_BOUNDS_TTL_MS: "5" });
    expect(overrides[0]?.path).toEqual(["detection", "state_bounds", "ttl_ms"]);
  });
});

describe("infra/gapwatch.example.yaml", () => {
  it("is a valid configuration", async () => {
    const { loadConfig } = await import("./load.ts");
    const file = new URL("../../../infra/gapwatch.example.yaml", import.meta.url).pathname;
    const { config } = await loadConfig(file);
    expect(config.topics.raw.length).toBeGreaterThan(0);
  });
});
