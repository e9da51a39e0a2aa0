// A source that never spoke an ICS protocol to this controller before (after a one-week baseline): a rogue
// master (T0848), or a new engineering path into the cell (FrostyGoop's source never seen talking Modbus).
import { defineRule, exists } from "../../language/define-rule.ts";
import { NOT_RESPONSE, TO_CONTROLLER } from "../vocabulary.ts";

export default defineRule({
  id: "GW-0205",
  version: 2,
  title: "New ICS talker for a controller",
  description:
    "After a seven-day learning period, a source address spoke an ICS protocol to a controller for the first time. Controller communications are static; a new master is either a change or an intruder.",
  author: ["gapwatch"],
  maturity: "stable",
  created: "2026-11-23",
  updated: "2026-11-23",
  severity: "medium",
  risk_score: 55,
  attack: ["T0848", "T0886"],
  references: [
    "https://attack.mitre.org/techniques/T0848/",
    "https://attack.mitre.org/software/S1165/",
    "https://attack.mitre.org/software/S1045/",
  ],
  false_positives: [
    "New HMIs, replaced engineering laptops (transient cyber assets) and commissioning: confirm against the change record.",
  ],
  kind: "new_terms",
  new_terms: {
    // A controller answering another controller is not a new master talking to it.
    where: { all: [exists("ot.protocol"), TO_CONTROLLER, NOT_RESPONSE] },
    by: ["destination.ip"],
    fields: ["source.ip", "ot.protocol"],
    learning_period: "7d",
    history: "90d",
  },
});
