// Guards the pack's meaning of "ICS command": a rule that selects on ot.action must also exclude responses
// (NOT_RESPONSE), or the controller's acknowledgement of a command opens a second incident keyed by the
// controller. Kept beside the vocabulary so a new rule that forgets it fails here, named by id and file.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { type Condition, compileCondition } from "../language/condition.ts";
import { whereConditions } from "../language/guard.ts";
import { loadRules } from "../language/load-rules.ts";
import { ICS_COMMAND, NOT_RESPONSE } from "./vocabulary.ts";

const RULES = path.dirname(fileURLToPath(import.meta.url));
const REQUESTS_ONLY: Condition = { field: "ot.is_request", equals: true };

const testsAction = (c: Condition) => "field" in c && c.field === "ot.action";
const excludesResponses = (c: Condition) => isDeepStrictEqual(c, NOT_RESPONSE) || isDeepStrictEqual(c, REQUESTS_ONLY);

/** Paths of ot.action tests whose enclosing `all` does not also exclude responses (negations are skipped). */
function unguardedActionTests(condition: Condition, at: string, out: string[] = []): string[] {
  if (testsAction(condition)) out.push(at);
  else if ("all" in condition) {
    const guarded = condition.all.some(excludesResponses);
    for (const [i, c] of condition.all.entries()) {
      if (!(guarded && testsAction(c))) unguardedActionTests(c, `${at}.all[${i}]`, out);
    }
  } else if ("any" in condition) {
    for (const [i, c] of condition.any.entries()) unguardedActionTests(c, `${at}.any[${i}]`, out);
  }
  return out;
}

describe("rule pack vocabulary", () => {
  it("ICS_COMMAND keeps requests and records that do not say, and drops responses", () => {
    const problems: string[] = [];
    const command = compileCondition(ICS_COMMAND(["mode_change"]), problems);
    expect(problems).toEqual([]);
    expect(command({ ot: { action: "mode_change", is_request: true } })).toBe(true);
    expect(command({ ot: { action: "mode_change" } })).toBe(true);
    expect(command({ ot: { action: "mode_change", is_request: false } })).toBe(false);
    expect(command({ ot: { action: "read", is_request: true } })).toBe(false);
  });

  it("every rule selecting on ot.action excludes responses", async () => {
    const loaded = await loadRules(RULES);
    expect(loaded.issues).toEqual([]);
    const offenders = loaded.rules.flatMap((rule) =>
      whereConditions(rule.params).flatMap((where) =>
        unguardedActionTests(where, "where").map((at) => `${rule.id} ${rule.file}: ${at}`),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
