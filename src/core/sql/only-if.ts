// Only If in SQL (only-if.ts, bound-matrix.ts's resolveOnlyIf): per lead, whether each rule counts — its
// own match (a lead rule's condition, an activity rule's counted activities) and every term, where a term
// holds when any rule of its label counts (flipped by `not`). A rule reads the rules it names, so each
// depth of naming is one CTE over the one before.
import type { Rule } from "../matrix";
import { dependencyOrder } from "../only-if";

export interface OnlyIfSql {
  ctes: string[];
  /** The last CTE (`_joined` when no rule has Only If). */
  from: string;
  /** Per rule: a boolean column that is TRUE when the rule counts, null for a rule without Only If. */
  counts: (string | null)[];
}

/** `own[j]`: rule j's own match over `_joined`'s columns, a boolean never NULL. */
export function onlyIfSql(rules: readonly Rule[], own: readonly { own: string }[]): OnlyIfSql {
  const none: OnlyIfSql = { ctes: [], from: "_joined", counts: rules.map(() => null) };
  if (!rules.some((r) => r.onlyIf.length > 0)) return none;
  const at = new Map<number, number[]>();
  rules.forEach((r, i) => {
    at.set(r.row, [...(at.get(r.row) ?? []), i]);
  });
  const terms = rules.map((r) =>
    r.onlyIf.map((t) => ({ negate: t.negate, rules: t.rows.flatMap((row) => at.get(row) ?? []) })),
  );
  const named = new Set(terms.flat().flatMap((t) => t.rules));
  const depth = new Array<number>(rules.length).fill(0);
  const levels: string[][] = [];
  for (const j of dependencyOrder(rules)) {
    if (terms[j].length === 0 && !named.has(j)) continue;
    const below = terms[j].flatMap((t) => t.rules.map((i) => depth[i]));
    depth[j] = terms[j].length === 0 ? 0 : 1 + Math.max(-1, ...below);
    const held = terms[j].map(
      (t) => ` AND ${t.negate ? "NOT " : ""}(${t.rules.map((i) => `_k${i}`).join(" OR ") || "FALSE"})`,
    );
    for (let l = levels.length; l <= depth[j]; l++) levels.push([]);
    levels[depth[j]].push(`(${own[j].own}${held.join("")}) AS _k${j}`);
  }
  const ctes = levels.map(
    (cols, l) => `_only${l} AS (SELECT *, ${cols.join(", ")} FROM ${l === 0 ? "_joined" : `_only${l - 1}`})`,
  );
  return {
    ctes,
    from: `_only${levels.length - 1}`,
    counts: rules.map((r, j) => (r.onlyIf.length > 0 ? `_k${j}` : null)),
  };
}
