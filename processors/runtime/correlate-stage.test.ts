import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { Incident } from "../../detections/shared/incident.ts";
import { MemoryRecordSink } from "./adapters/memory/record-sink.ts";
import { MemoryRecordSource } from "./adapters/memory/record-source.ts";
import { MemoryStateStore } from "./adapters/memory/state-store.ts";
import { createCorrelateStage, type IncidentWriter } from "./correlate-stage.ts";
import { createRuntimeMetrics } from "./metrics/registry.ts";
import type { SourceRecord } from "./ports/record.ts";
import { fakeStages } from "./test-support/fake-stages.ts";
import { encodeRoutedEvent } from "./wire.ts";

const TOPIC = "gapwatch.events";
const tp = { topic: TOPIC, partition: 0 };

function event(t: string, kind: "alert" | "write") {
  const raw =
    kind === "alert" ? { t, kind, host: "ws-1", ip: "10.0.0.5" } : { t, kind, src: "10.0.0.5", dst: "10.9.0.1" };
  const decoded = fakeStages.decode({ value: JSON.stringify(raw), provenance: {} }, undefined);
  return decoded.events[0]!;
}

/** Internal records as the route stage writes them: origin raw:0, one record per raw offset. */
function records(from: number, kinds: Array<"alert" | "write">, rawOffsetBase = from): SourceRecord[] {
  return kinds.map((kind, i) => {
    const out = encodeRoutedEvent(
      TOPIC,
      { key: "10.0.0.5", event: event(`2026-01-01T00:0${from + i}:00Z`, kind), generation: 0 },
      { origin: "raw:0", offset: BigInt(rawOffsetBase + i), seq: 0 },
    );
    return {
      ...tp,
      offset: String(from + i),
      key: out.key,
      value: Buffer.from(String(out.value)),
      headers: out.headers ?? {},
      timestamp: 0,
    };
  });
}

function setup(store = new MemoryStateStore(), writer?: IncidentWriter) {
  const source = new MemoryRecordSource();
  const written: Incident[] = [];
  const stage = createCorrelateStage({
    stages: fakeStages,
    source,
    sink: new MemoryRecordSink(),
    store,
    writers: [writer ?? { name: "memory", write: async (incidents) => void written.push(...incidents) }],
    eventsTopic: TOPIC,
    group: "g",
    snapshotIntervalMs: 0,
    idleWatermarkMs: 0,
    maxGenerations: 8,
    heartbeatMs: 5,
    clock: { now: () => 0 },
    metrics: createRuntimeMetrics(false),
    logger: pino({ level: "silent" }),
  });
  return { source, stage, written, store };
}

describe("correlate stage", () => {
  it("restores a partition from its snapshot and neither re-applies nor skips an event", async () => {
    const first = setup();
    await first.stage.start();
    await first.source.assign([tp]);
    await first.source.deliver(records(0, ["alert", "write"]));
    expect(first.written.map((i) => i.count)).toEqual([2]);
    expect(first.source.commits.get(`${TOPIC}:0`)).toBe("2");

    // A new owner gets the partition from offset 0 again (e.g. the commit was lost): the restored state
    // already reflects offsets 0-1, so the next write makes the count 3, not 2 or 4.
    const second = setup(first.store);
    await second.stage.start();
    await second.source.assign([tp]);
    await second.source.deliver([...records(0, ["alert", "write"]), ...records(2, ["write"])]);
    expect(second.written.map((i) => i.count)).toEqual([3]);
  });

  it("skips records re-produced by a restarted route stage (same origin position)", async () => {
    const { source, stage, written } = setup();
    await stage.start();
    await source.assign([tp]);
    await source.deliver(records(0, ["alert", "write"]));
    // The route stage re-produced raw offsets 0-1 after a crash, then went on with raw offset 2.
    await source.deliver([...records(2, ["alert", "write"], 0), ...records(4, ["write"], 2)]);
    expect(written.map((i) => i.count)).toEqual([2, 3]);
  });

  it("throws the state away and rewinds when a batch is abandoned before its outputs are durable", async () => {
    let fail = true;
    const written: Incident[] = [];
    const writer: IncidentWriter = {
      name: "flaky",
      write: async (incidents) => {
        if (fail) throw new Error("sink down");
        written.push(...incidents);
      },
    };
    const { source, stage } = setup(new MemoryStateStore(), writer);
    await stage.start();
    await source.assign([tp]);
    await source.deliver(records(0, ["alert"]));
    let polls = 0;
    await source.deliver(records(1, ["write"]), { active: () => ++polls < 3 });
    expect(written).toHaveLength(0);
    fail = false;
    // The fetch position moved on to offset 2, but the state only reflects offset 0: rewind to 1.
    await source.deliver(records(2, ["write"]));
    expect(source.seeks.get(`${TOPIC}:0`)).toBe("1");
    await source.deliver(records(1, ["write", "write"]));
    expect(written.map((i) => i.count)).toEqual([3]);
  });
});
