// Which matrices the lead states can keep up to date. Everything else makes every run a full read: the
// one place to add a rule feature the states do not model (docs/design/incremental-state.md).

import { normalizeHeader } from "../headers";
import type { Rule } from "../matrix";
import { outputHeaders } from "../output-headers";

export type Support = { incremental: true } | { incremental: false; reason: string };

const DERIVED = new Set(["emailDomain", "activityCount", "daysSinceLastActivity", "daysSinceCreated"]);

export interface ModelShape {
  readonly rules: readonly Rule[];
  readonly groupNames: readonly string[];
  /** Named models (Scoring Matrix `Model`). */
  readonly models: readonly { name: string }[];
}

export function incrementalSupport({ rules, groupNames, models }: ModelShape): Support {
  // The states hold the default model's rules only; named models are scored by full reads.
  if (models.length > 0)
    return {
      incremental: false,
      reason: `the Scoring Matrix has named models (${models[0].name} in its Model column)`,
    };
  // The add-on's own output cells change with every run: a rule testing one reads last run's value.
  const outputs = new Set(outputHeaders(groupNames, true).map(normalizeHeader));
  for (const rule of rules) {
    if (rule.source !== "lead" && rule.source !== "activity")
      return { incremental: false, reason: `rule "${rule.label}" has a source the states do not model` };
    if (rule.derived !== null && !DERIVED.has(rule.derived))
      return { incremental: false, reason: `rule "${rule.label}" tests a field the states do not model` };
    if (rule.source === "lead" && outputs.has(normalizeHeader(rule.field)))
      return { incremental: false, reason: `rule "${rule.label}" tests an output column` };
    // Only If, resets and bands depend on other rules' matches or the whole history: not in the states.
    if (rule.onlyIf.length > 0 || rule.reset || rule.bands !== null)
      return { incremental: false, reason: `rule "${rule.label}" uses Only If, a reset or bands` };
  }
  return { incremental: true };
}
