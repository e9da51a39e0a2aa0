// Public surface of the detection engine for the runtime (processors/runtime) and tools.
export type { CompiledRule } from "../../detections/language/compile-rule.ts";
export { loadRules } from "../../detections/language/load-rules.ts";
export { formatIssue, type RuleIssue } from "../../detections/language/rule-issue.ts";
export type { Incident } from "../../detections/shared/incident.ts";
export { EngineConfig, type EngineOptions } from "./config.ts";
export { createEngine, type Engine, type EngineMetrics, type ProcessResult } from "./engine.ts";
export { routingKeys } from "./routing.ts";
export { type EngineSnapshot, SNAPSHOT_VERSION } from "./snapshot.ts";
export { detectMetrics, metricSamples } from "./telemetry.ts";
