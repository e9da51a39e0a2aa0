// The file outbox on a temporary directory: durable records survive a reopen, the log is compacted to the latest
// live record per key, a torn last line (crash mid-append) is tolerated, and a live second process is locked out.
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultIncidentDocumentConfig } from "../incident/config.ts";
import { shapeIncident } from "../incident/core.ts";
import { pivotIncident } from "../incident/fixtures/pivot-incident.ts";
import { FileOutbox } from "./file-outbox.ts";
import { toNotification } from "./notification.ts";
import type { OutboxRecord } from "./outbox.ts";

const notification = toNotification(shapeIncident(pivotIncident, defaultIncidentDocumentConfig));
const pending = {
  notification,
  enqueued_at: "2026-11-20T12:00:00.000Z",
  attempts: 0,
  next_attempt_at: "2026-11-20T12:00:00.000Z",
};
const record = (key: string, extra: Partial<OutboxRecord> = {}): OutboxRecord => ({
  key,
  target: "pd",
  incident_id: key,
  ...extra,
});

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "gw-file-outbox-"));
  dirs.push(dir);
  return dir;
}

describe("FileOutbox", () => {
  it("restores the latest state per key after a reopen and compacts tombstones away", async () => {
    const dir = await tempDir();
    const first = new FileOutbox(dir);
    expect(await first.load()).toEqual([]);
    await first.put([record("a", { pending }), record("b", { pending })]);
    await first.put([record("a", { pending: { ...pending, attempts: 2 } }), record("b")]);
    await first.close();

    const second = new FileOutbox(dir);
    const loaded = await second.load();
    expect(loaded.map((r) => [r.key, r.pending?.attempts])).toEqual([["a", 2]]);
    const lines = (await readFile(join(dir, "outbox.ndjson"), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(1);
    await second.close();
  });

  it("ignores a torn last line left by a crash", async () => {
    const dir = await tempDir();
    const outbox = new FileOutbox(dir);
    await outbox.load();
    await outbox.put([record("a", { pending })]);
    await outbox.close();
    await appendFile(join(dir, "outbox.ndjson"), '{"key":"b","targ');
    const reopened = new FileOutbox(dir);
    expect((await reopened.load()).map((r) => r.key)).toEqual(["a"]);
    await reopened.close();
  });

  it("refuses a directory another live process holds, and writes dead letters beside the log", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "outbox.lock"), String(process.ppid));
    await expect(new FileOutbox(dir).load()).rejects.toThrow(/in use by process/);
    await rm(join(dir, "outbox.lock"));
    const outbox = new FileOutbox(dir);
    await outbox.load();
    await outbox.deadLetter({
      target: "pd",
      incident_id: "a",
      action: "trigger",
      reason: "HTTP 400",
      attempts: 1,
      enqueued_at: pending.enqueued_at,
      dead_at: pending.enqueued_at,
      notification,
    });
    await outbox.close();
    const dead = JSON.parse(await readFile(join(dir, "dead-letter.ndjson"), "utf8"));
    expect(dead).toMatchObject({ target: "pd", reason: "HTTP 400" });
  });
});
