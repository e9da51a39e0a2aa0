// State store port: the latest snapshot of a partition's correlation state together with the input
// position it reflects. Snapshot and position are written together so that a restore never applies an
// event twice or skips one (the changelog/checkpoint pair of Kafka Streams, in one record).

export interface StateSnapshot {
  /** The input partition this state belongs to (e.g. "gapwatch.events:3"). */
  owner: string;
  /** Next input offset not reflected in `state`. */
  nextOffset: string;
  /** Opaque, serialisable engine state. */
  state: unknown;
  /** Wall-clock ms when written (for the age metric only). */
  writtenAt: number;
}

export interface StateStore {
  /** Loads the latest snapshot of each owner that has one. */
  load(owners: string[]): Promise<Map<string, StateSnapshot>>;
  /** Resolves when the snapshot is durable, with its size in bytes. */
  save(snapshot: StateSnapshot): Promise<number>;
  close(): Promise<void>;
}
