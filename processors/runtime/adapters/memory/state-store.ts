// In-memory StateStore (tests, replay): snapshots are deep-copied so a test sees what a restart would.
import type { StateSnapshot, StateStore } from "../../ports/state-store.ts";

export class MemoryStateStore implements StateStore {
  readonly #snapshots = new Map<string, string>();

  async load(owners: string[]): Promise<Map<string, StateSnapshot>> {
    const out = new Map<string, StateSnapshot>();
    for (const owner of owners) {
      const json = this.#snapshots.get(owner);
      if (json) out.set(owner, JSON.parse(json) as StateSnapshot);
    }
    return out;
  }

  async save(snapshot: StateSnapshot): Promise<number> {
    const json = JSON.stringify(snapshot);
    this.#snapshots.set(snapshot.owner, json);
    return Buffer.byteLength(json);
  }

  async close(): Promise<void> {}
}
