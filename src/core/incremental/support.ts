// Which matrices the lead states can keep up to date. Everything else makes every run a full read: the
// one place to add a rule feature the states do not model (docs/design/incremental-state.md).
import type { Rule } from "../matrix";

export type Support = { incremental: true } | { incremental: false; reason: string };

const DERIVED = new Set(["emailDomain", "activityCount", "daysSinceLastActivity", "daysSinceCreated"]);

export function incrementalSupport(rules: readonly Rule[]): Support {
  for (const rule of rules) {
    if (rule.source !== "lead" && rule.source !== "activity")
      return { incremental: false, reason: `rule "${rule.label}" has a source the states do not model` };
    if (rule.derived !== null && !DERIVED.has(rule.derived))
      return { incremental: false, reason: `rule "${rule.label}" tests a field the states do not model` };
  }
  return { incremental: true };
}
