// The stage adapter: config defaults, learn + enrich per event, counters, and a rejected reload counted and
// logged while the model in force keeps enriching.
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EnrichConfig } from "./config.ts";
import { edrEvent, flowEvent } from "./fixtures/events.ts";
import { OUT_OF_WINDOW, plantFile } from "./fixtures/plant.ts";
import { type EnrichStage, type StageLogger, startEnrichStage } from "./stage.ts";

let stage: EnrichStage | undefined;
let dir: string | undefined;
afterEach(async () => {
  stage?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("enrich stage", () => {
  it("rejects unknown config keys and fills defaults", () => {
    expect(EnrichConfig.safeParse({ siteModel: "x.yaml", colour: 1 }).success).toBe(false);
    const config = EnrichConfig.parse({ siteModel: "x.yaml" });
    expect(config).toMatchObject({ watch: true, identity: { leaseTtlSeconds: 86_400, maxIps: 200_000 } });
  });

  it("learns, enriches, counts verdicts and survives a broken reload", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "gapwatch-stage-"));
    const file = path.join(dir, "site.yaml");
    await copyFile(plantFile, file);
    const errors: string[] = [];
    const log: StageLogger = { info() {}, warn() {}, error: (_f, m) => errors.push(m) };
    stage = await startEnrichStage(EnrichConfig.parse({ siteModel: file, reloadDebounceMs: 20 }), log);

    const edr = stage.process(
      edrEvent({ at: "2026-11-23T14:00:00Z", hostId: "edr-x1", hostName: "X1", ips: ["10.50.0.99"] }),
    );
    expect(edr.leases).toHaveLength(1);
    const flow = stage.process(
      flowEvent({
        at: OUT_OF_WINDOW,
        src: "10.50.0.99",
        dst: "10.60.0.11",
        port: 502,
        ot: { protocol: "modbus", action: "write", fn: "WRITE_SINGLE_REGISTER" },
      }),
    );
    expect(flow.event.site?.source?.host?.id).toBe("edr-x1");
    expect(stage.stats().verdicts).toEqual({ not_evaluated: 1, conduit_violation: 1 });

    await writeFile(file, 'schema_version: "1"\nzones: oops\n');
    const started = Date.now();
    while (stage.stats().reloads.rejected === 0 && Date.now() - started < 10_000)
      await new Promise((r) => setTimeout(r, 20));
    expect(stage.stats().reloads).toEqual({ applied: 0, rejected: 1 });
    expect(errors[0]).toMatch(/previous version stays in force.*site\.yaml:2:8 zones/s);
    expect(
      stage.process(
        flowEvent({
          at: OUT_OF_WINDOW,
          src: "10.50.0.11",
          dst: "10.60.0.11",
          port: 502,
          ot: { protocol: "modbus", action: "read", fn: "READ_COILS" },
        }),
      ).event.site?.conduit.verdict,
    ).toBe("allowed");
  });
});

describe("enrich config refinements", () => {
  it("names the key of a cross-field or value error", () => {
    const bad = EnrichConfig.safeParse({
      siteModel: "x",
      identity: { backdateSeconds: 90_000, ignoreNetworks: ["nope"] },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toContain("identity.ignoreNetworks.0");
    const cross = EnrichConfig.safeParse({ siteModel: "x", identity: { backdateSeconds: 90_000 } });
    expect(cross.error?.issues.map((i) => i.path.join("."))).toEqual(["identity.backdateSeconds"]);
  });
});
