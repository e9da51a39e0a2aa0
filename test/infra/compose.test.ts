// docker-compose.yml cannot run here (no Docker engine), so its structure is checked instead: the services,
// images pinned to the versions the tests run against, KRaft settings, loopback-only ports, health-gated start.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { versions } from "../../infra/local-stack/paths.ts";

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  command?: string[];
}

const root = path.resolve(import.meta.dirname, "../..");
const compose = parse(readFileSync(path.join(root, "docker-compose.yml"), "utf8")) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;

describe("docker-compose.yml", () => {
  it("has Kafka, Elasticsearch, Kibana and gapwatch", () => {
    expect(Object.keys(services).sort()).toEqual(["elasticsearch", "gapwatch", "kafka", "kibana"]);
  });

  it("pins the same Kafka, Elasticsearch and Kibana versions the tests use", () => {
    expect(services.kafka!.image).toBe(`apache/kafka:${versions.kafka}`);
    expect(services.elasticsearch!.image).toBe(
      `docker.elastic.co/elasticsearch/elasticsearch:${versions.elasticsearch}`,
    );
    expect(services.kibana!.image).toBe(`docker.elastic.co/kibana/kibana:${versions.elasticsearch}`);
  });

  it("runs Kafka in KRaft mode with single-node replication settings", () => {
    const env = services.kafka!.environment!;
    expect(env.KAFKA_PROCESS_ROLES).toBe("broker,controller");
    expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${env.KAFKA_NODE_ID}@kafka:9093`);
    expect(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe("1");
    expect(env.KAFKA_ADVERTISED_LISTENERS).toContain("PLAINTEXT://kafka:9092");
  });

  it("publishes ports on 127.0.0.1 only", () => {
    for (const [name, service] of Object.entries(services)) {
      for (const port of service.ports ?? []) expect(port, `${name} ${port}`).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it("gates every dependency on a health check that exists", () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, rule] of Object.entries(service.depends_on ?? {})) {
        expect(services[dependency], `${name} depends on missing ${dependency}`).toBeDefined();
        expect(rule.condition).toBe("service_healthy");
        expect(services[dependency]!.healthcheck?.test.length, `${dependency} has no healthcheck`).toBeGreaterThan(0);
      }
    }
  });

  it("points gapwatch at the compose network names, and its mounted files exist in the repository", () => {
    const gapwatch = services.gapwatch!;
    expect(gapwatch.environment!.GAPWATCH_KAFKA_BROKERS).toBe("kafka:9092");
    expect(gapwatch.environment!.GAPWATCH_ES_URL).toBe("http://elasticsearch:9200");
    expect(gapwatch.build).toBe(".");
    for (const volume of gapwatch.volumes ?? []) {
      const host = volume.split(":")[0]!;
      expect(
        () => readFileSync(path.join(root, host === "./mappings/site" ? "mappings/site/plant-north.yaml" : host)),
        volume,
      ).not.toThrow();
    }
  });
});
