// The headers of the add-on's output columns on Leads: the default model's, then each named model's.
import { normalizeHeader } from "./headers";

const FIXED_OUTPUTS = new Set(
  ["Score", "Tier", "Grade", "Priority", "Top Reasons", "Scored At"].map(normalizeHeader),
);

/**
 * Whether a Leads header (normalized) is one the default model writes or may have written, known without the
 * matrix: the fixed ones, Priority, and any "<Group> Score" (also of a group no longer used). Readers that
 * must never take an output for an input (calibration) add the named models' modelHeaders.
 */
export function isOutputKey(key: string): boolean {
  return FIXED_OUTPUTS.has(key) || (key.endsWith(" score") && key.length > " score".length);
}

/** `priority`: Settings has an Engagement Band table, so the run writes a Priority column. */
export function outputHeaders(groupNames: readonly string[], priority = false): string[] {
  return [
    "Score",
    "Tier",
    "Grade",
    ...(priority ? ["Priority"] : []),
    ...groupNames.map((g) => `${g} Score`),
    "Top Reasons",
    "Scored At",
  ];
}

/**
 * A named model's columns: `M Score`, `M Tier`, then `M Grade` (and `M Priority` with an Engagement Band
 * table) when the model has rules in the grade group, and `M Top Reasons`. No group columns: the model's
 * group totals are in the explanation.
 */
export function modelHeaders(model: string, graded: boolean, priority: boolean): string[] {
  return [
    `${model} Score`,
    `${model} Tier`,
    ...(graded ? [`${model} Grade`] : []),
    ...(graded && priority ? [`${model} Priority`] : []),
    `${model} Top Reasons`,
  ];
}
