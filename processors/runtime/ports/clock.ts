// Clock port: the only wall-clock reads in gapwatch are here (timers, ingest time, metrics ages).
// Cores never read it: they get event time from records (STYLE.md section 4).

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
