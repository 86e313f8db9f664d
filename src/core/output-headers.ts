// The headers of the add-on's output columns on Leads: the default model's, then each named model's.

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
