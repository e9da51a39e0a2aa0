// `gapwatch replay` without the CLI: files -> decode -> event-time order -> route -> correlate -> the
// final state of each incident. No Kafka, no Elasticsearch; the same pipeline functions `run` uses.
// Inputs are decoded first and merged by event time (stable for equal timestamps), because identity
// learning and windows must see events in event time whatever order the files were given in.
import type { Incident } from "../../detections/shared/incident.ts";
import type { CanonicalEvent } from "../../mappings/schema/canonical-event.ts";
import { listInputFiles, readInputFile } from "./adapters/file/read-inputs.ts";
import {
  correlateInProcess,
  createIncidentLedger,
  DEFAULT_MAX_GENERATIONS,
  drainInProcess,
  routeEvent,
} from "./pipeline.ts";
import type { DeadLetter, Stages } from "./stages.ts";

export interface ReplayProgress {
  phase: "read" | "correlate" | "done";
  files: number;
  records: number;
  events: number;
  eventsDone: number;
  incidents: number;
}

export interface ReplayOptions {
  inputs: string[];
  stages: Stages;
  maxGenerations?: number;
  /** Each incident version as the engine emits it ("opened" the first time an id is seen). */
  onIncident?: (incident: Incident, change: "opened" | "updated") => void;
  onDeadLetter?: (deadLetter: DeadLetter) => void;
  onProgress?: (progress: ReplayProgress) => void;
}

export interface ReplaySummary {
  files: number;
  records: number;
  events: number;
  deadLetters: number;
  deadLettersByCode: Record<string, number>;
  incidents: number;
  incidentUpdates: number;
  droppedDerived: number;
  lateEvents: number;
}

export interface ReplayResult {
  summary: ReplaySummary;
  /** Final state of every incident, in order of first appearance. */
  incidents: Incident[];
}

export async function replay(options: ReplayOptions): Promise<ReplayResult> {
  const { stages } = options;
  const maxGenerations = options.maxGenerations ?? DEFAULT_MAX_GENERATIONS;
  const files = await listInputFiles(options.inputs);
  const progress: ReplayProgress = { phase: "read", files: 0, records: 0, events: 0, eventsDone: 0, incidents: 0 };
  const deadLettersByCode: Record<string, number> = {};
  let deadLetters = 0;
  const timed: Array<{ time: number; seq: number; event: CanonicalEvent }> = [];

  for (const file of files) {
    const records = await readInputFile(file, stages.readZeekTsv);
    for (const raw of records) {
      const decoded = stages.decode(raw, undefined);
      for (const event of decoded.events) {
        timed.push({ time: eventTime(event), seq: timed.length, event });
      }
      for (const dead of decoded.deadLetters) {
        deadLetters += 1;
        deadLettersByCode[dead.code] = (deadLettersByCode[dead.code] ?? 0) + 1;
        options.onDeadLetter?.(dead);
      }
    }
    progress.files += 1;
    progress.records += records.length;
    progress.events = timed.length;
    options.onProgress?.({ ...progress });
  }

  timed.sort((a, b) => a.time - b.time || a.seq - b.seq);
  progress.phase = "correlate";
  const identity = stages.createIdentity();
  const engine = stages.createEngine();
  const ledger = createIncidentLedger();
  let droppedDerived = 0;
  const record = (incidents: Incident[]) => {
    for (const incident of incidents) {
      const change = ledger.add(incident);
      options.onIncident?.(incident, change);
    }
  };

  for (const [index, item] of timed.entries()) {
    for (const routed of routeEvent(stages, identity, item.event).routed) {
      const result = correlateInProcess(stages, engine, routed, maxGenerations);
      record(result.incidents);
      droppedDerived += result.droppedDerived;
    }
    if ((index + 1) % 10_000 === 0) {
      options.onProgress?.({ ...progress, eventsDone: index + 1, incidents: ledger.size });
    }
  }
  const last = drainInProcess(stages, engine, engine.flush(), maxGenerations);
  record(last.incidents);
  droppedDerived += last.droppedDerived;
  options.onProgress?.({ ...progress, phase: "done", eventsDone: timed.length, incidents: ledger.size });

  return {
    summary: {
      files: files.length,
      records: progress.records,
      events: timed.length,
      deadLetters,
      deadLettersByCode,
      incidents: ledger.size,
      incidentUpdates: ledger.counts.updated,
      droppedDerived,
      lateEvents: engine.metrics().lateEvents,
    },
    incidents: [...ledger.values()],
  };
}

function eventTime(event: CanonicalEvent): number {
  const time = Date.parse(event["@timestamp"]);
  return Number.isNaN(time) ? 0 : time;
}
