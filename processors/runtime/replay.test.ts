import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay } from "./replay.ts";
import { fakeStages } from "./test-support/fake-stages.ts";

const line = (o: object) => JSON.stringify(o);

describe("replay", () => {
  it("merges files in event-time order, keeps the final state of each incident, counts dead letters", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gw-replay-"));
    // The write file sorts first, but its events are later in event time than the alert.
    await writeFile(
      join(dir, "a-ot.ndjson"),
      [
        line({ t: "2026-01-01T00:01:00Z", kind: "write", src: "10.0.0.5", dst: "10.9.0.1" }),
        "{truncated",
        line({ t: "2026-01-01T00:02:00Z", kind: "write", src: "10.0.0.5", dst: "10.9.0.1" }),
        "",
      ].join("\n"),
    );
    await writeFile(
      join(dir, "b-edr.ndjson"),
      `${line({ t: "2026-01-01T00:00:00Z", kind: "alert", host: "ws-1", ip: "10.0.0.5" })}\r\n\xff\xfe\n`,
    );
    const seen: string[] = [];
    const result = await replay({ inputs: [dir], stages: fakeStages, onIncident: (_, change) => seen.push(change) });
    expect(seen).toEqual(["opened", "updated"]);
    expect(result.incidents).toHaveLength(1);
    expect(result.incidents[0]?.count).toBe(3);
    expect(result.summary).toMatchObject({ files: 2, records: 5, events: 3, deadLetters: 2, incidents: 1 });
  });

  it("bounds derived-event chains", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gw-replay-"));
    await writeFile(
      join(dir, "hops.ndjson"),
      line({ t: "2026-01-01T00:00:00Z", kind: "hop", src: "10.0.0.7", hops: 50 }),
    );
    const result = await replay({ inputs: [dir], stages: fakeStages, maxGenerations: 4 });
    expect(result.summary.droppedDerived).toBe(1);
  });

  it("fails with a ConfigError naming an unreadable input", async () => {
    await expect(replay({ inputs: ["/nonexistent/x.ndjson"], stages: fakeStages })).rejects.toThrow(/x\.ndjson/);
  });
});
