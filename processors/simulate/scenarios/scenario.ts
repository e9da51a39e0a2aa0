// A named attack chain: what it injects, where it comes from in public reporting, and the ground truth
// (techniques the incidents must carry, rules expected to fire, entities involved) used to score detection.
import type { Emitter } from "../emitter.ts";
import type { ScenarioNameLiteral } from "./names.ts";

export interface ScenarioEntities {
  ips: string[];
  hosts: string[];
  users: string[];
}

export interface ScenarioRun {
  entities: ScenarioEntities;
  /** Event time of the record that completes the chain (detection latency is measured from it). */
  lastEventAt: number;
  /** Event time of the record that lets the expected rules fire (detection latency is measured from it). */
  detectableAt: number;
  endedAt: number;
}

export interface Scenario {
  name: ScenarioNameLiteral;
  title: string;
  /** Public reporting the chain is drawn from. */
  references: string[];
  /** Every ATT&CK id the chain exercises (Enterprise for IT steps, ICS for OT steps). */
  techniques: string[];
  /** ATT&CK for ICS ids the chain's incidents must carry between them for it to count as detected. */
  requiredTechniques: string[];
  /** Built-in rule ids expected to open an incident for this chain. */
  expectedRules: string[];
  inject(e: Emitter, t0: number, chain: string): ScenarioRun;
}
