// The single registry from kind id to its schema, compile and evaluate (STYLE.md 5).
// Adding a kind is one folder plus one line here.
import type { KindId } from "../language/rule-schema.ts";
import { compileDistinct } from "./distinct/compile.ts";
import { evaluateDistinct, keysOfDistinct } from "./distinct/evaluate.ts";
import { DistinctParams } from "./distinct/schema.ts";
import { compileMatch } from "./match/compile.ts";
import { evaluateMatch, keysOfMatch } from "./match/evaluate.ts";
import { MatchParams } from "./match/schema.ts";
import { compileNewTerms } from "./new-terms/compile.ts";
import { evaluateNewTerms, keysOfNewTerms } from "./new-terms/evaluate.ts";
import { NewTermsParams } from "./new-terms/schema.ts";
import { compilePath } from "./path/compile.ts";
import { evaluatePath, keysOfPath } from "./path/evaluate.ts";
import { PathParams } from "./path/schema.ts";
import { compileRisk } from "./risk/compile.ts";
import { evaluateRisk, keysOfRisk } from "./risk/evaluate.ts";
import { RiskParams } from "./risk/schema.ts";
import { compileSequence } from "./sequence/compile.ts";
import { closeSequence, evaluateSequence, keysOfSequence } from "./sequence/evaluate.ts";
import { SequenceParams } from "./sequence/schema.ts";
import { compileThreshold } from "./threshold/compile.ts";
import { evaluateThreshold, keysOfThreshold } from "./threshold/evaluate.ts";
import { ThresholdParams } from "./threshold/schema.ts";
import type { AnyRuleKind } from "./types.ts";

export const kinds: Record<KindId, AnyRuleKind> = {
  match: { schema: MatchParams, compile: compileMatch, keysOf: keysOfMatch, evaluate: evaluateMatch, eager: true },
  sequence: {
    schema: SequenceParams,
    compile: compileSequence,
    keysOf: keysOfSequence,
    evaluate: evaluateSequence,
    onWatermark: closeSequence,
  },
  threshold: {
    schema: ThresholdParams,
    compile: compileThreshold,
    keysOf: keysOfThreshold,
    evaluate: evaluateThreshold,
  },
  distinct: { schema: DistinctParams, compile: compileDistinct, keysOf: keysOfDistinct, evaluate: evaluateDistinct },
  new_terms: { schema: NewTermsParams, compile: compileNewTerms, keysOf: keysOfNewTerms, evaluate: evaluateNewTerms },
  risk: { schema: RiskParams, compile: compileRisk, keysOf: keysOfRisk, evaluate: evaluateRisk },
  path: { schema: PathParams, compile: compilePath, keysOf: keysOfPath, evaluate: evaluatePath },
};
