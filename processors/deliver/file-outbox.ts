// The file outbox (replay mode and single-process deployments): an append-only NDJSON log of outbox records,
// fsynced before put() resolves, compacted to the latest live record per key when opened. A lock file keeps a
// second process off the same directory. Dead letters go to dead-letter.ndjson beside it.
import { constants } from "node:fs";
import { type FileHandle, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { StateError } from "../runtime/errors.ts";
import { type DeadLetter, type DeliveryOutbox, isTombstone, type OutboxRecord } from "./outbox.ts";

export class FileOutbox implements DeliveryOutbox {
  private log?: FileHandle;
  private dead?: FileHandle;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string) {}

  async load(): Promise<OutboxRecord[]> {
    await mkdir(this.dir, { recursive: true });
    await this.lock();
    const path = join(this.dir, "outbox.ndjson");
    const latest = new Map<string, OutboxRecord>();
    const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return "";
      throw error;
    });
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        const record = JSON.parse(line) as OutboxRecord;
        latest.set(record.key, record);
      } catch {
        // A torn last line from a crash mid-append: everything before it was fsynced and is kept.
      }
    }
    const live = [...latest.values()].filter((record) => !isTombstone(record));
    const tmp = `${path}.tmp`;
    const handle = await open(tmp, "w");
    await handle.writeFile(live.map((record) => `${JSON.stringify(record)}\n`).join(""));
    await handle.sync();
    await handle.close();
    await rename(tmp, path);
    this.log = await open(path, "a");
    this.dead = await open(join(this.dir, "dead-letter.ndjson"), "a");
    return live;
  }

  put(records: readonly OutboxRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.append(() => this.log, records.map((record) => `${JSON.stringify(record)}\n`).join(""));
  }

  deadLetter(entry: DeadLetter): Promise<void> {
    return this.append(() => this.dead, `${JSON.stringify(entry)}\n`);
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.log?.close();
    await this.dead?.close();
    this.log = this.dead = undefined;
    await rm(join(this.dir, "outbox.lock"), { force: true });
  }

  /** Appends are serialised so records of one put() stay contiguous and ordered. */
  private append(handle: () => FileHandle | undefined, text: string): Promise<void> {
    const run = this.queue.then(async () => {
      const file = handle();
      if (!file) throw new StateError("outbox_closed", `outbox ${this.dir} is not open`);
      await file.appendFile(text);
      await file.datasync();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async lock(): Promise<void> {
    const path = join(this.dir, "outbox.lock");
    try {
      const handle = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY);
      await handle.writeFile(String(process.pid));
      await handle.close();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(await readFile(path, "utf8").catch(() => "0"));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new StateError("outbox_locked", `outbox ${this.dir} is in use by process ${holder}`);
      }
      await rm(path, { force: true });
      return this.lock();
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
