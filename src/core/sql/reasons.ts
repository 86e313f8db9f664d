// Top Reasons in SQL (reasons.ts): the up-to-3 contributions with the largest absolute value, ties in
// matrix order, each "Label +25" with formatPoints' display of the value.
import type { Dialect } from "./dialect";

/** formatPoints(x) for x > 0: one decimal, or one significant digit below 0.05 (String's forms). */
function formatPositive(x: string, d: Dialect): string {
  const int = (e: string) => `CAST(CAST(${e} AS ${d.integer}) AS ${d.text})`;
  // Math.round(x * 10) for x > 0.
  const tenths = `FLOOR(${x} * 10 + ${d.double(0.5)})`;
  const oneDecimal = `${int(`FLOOR(${tenths} / 10)`)} || CASE WHEN MOD(CAST(${tenths} AS ${d.integer}), 10) = 0 THEN '' ELSE '.' || ${int(`MOD(CAST(${tenths} AS ${d.integer}), 10)`)} END`;
  // toPrecision(1): digit m at exponent e; 9.6e-3 rounds up to 1e-2.
  const e0 = `FLOOR(LOG10(${x}))`;
  const m0 = `FLOOR(${x} / POW(10, ${e0}) + ${d.double(0.5)})`;
  const m = `CASE WHEN ${m0} >= 10 THEN 1 ELSE ${m0} END`;
  const e = `(${e0} + CASE WHEN ${m0} >= 10 THEN 1 ELSE 0 END)`;
  // String(n) writes 0.000001 in full and 1e-7 with an exponent.
  const tiny =
    `CASE WHEN ${e} >= -6 THEN '0.' || REPEAT('0', CAST(-${e} - 1 AS ${d.integer})) || ${int(m)}` +
    ` ELSE ${int(m)} || 'e-' || ${int(`-${e}`)} END`;
  return `CASE WHEN ${tenths} = 0 THEN ${tiny} ELSE ${oneDecimal} END`;
}

/** reasonFor(label, v) for a non-NULL, non-zero value v; `label` is text (a literal or a CASE of them). */
function reasonTextSql(label: string, v: string, d: Dialect): string {
  return `${label} || CASE WHEN ${v} < 0 THEN ' \u2212' ELSE ' +' END || ${formatPositive(`ABS(${v})`, d)}`;
}

/** A rule's value column (NULL = no contribution) and its reason: a fixed text (a lead rule's points),
 * or a label that the value's points follow (an activity rule's decayed points); both are literals. */
export type Contribution = { value: string } & ({ text: string } | { label: string });

/**
 * Top Reasons ranked once per lead: each lead's contributions unpivoted (one row per contribution, and one
 * for a lead with none), numbered by a window — largest absolute value first, ties in matrix order — and
 * the next `max - 1` read with LEAD. The last CTE, `_top<suffix>`, has a row per lead of `from`'s columns
 * `keep` and the reasons text ("" with none) as column `as`; `suffix` names the CTEs apart, so that each
 * model's reasons can be ranked over the previous model's `_top`.
 */
export function rankedReasonsSql(
  items: readonly Contribution[],
  from: string,
  keep: readonly string[],
  as: string,
  suffix: string,
  max: number,
  d: Dialect,
): string[] {
  const byRule = (j: string, whens: readonly (string | null)[]) =>
    `CASE ${j} ${whens.flatMap((w, k) => (w === null ? [] : [`WHEN ${k} THEN ${w}`])).join(" ")} END`;
  const rules = items.map((_, j) => `SELECT ${j} AS _j`).join(" UNION ALL ");
  const w = "OVER (PARTITION BY _row ORDER BY _cv IS NULL, ABS(_cv) DESC, _j)";
  const next = Array.from({ length: max - 1 }, (_, i) => i + 1);
  const contrib = `_contrib${suffix}`;
  const ranked = `_ranked_reasons${suffix}`;
  const ctes = [
    `${contrib} AS (SELECT s.*, r._j, ${byRule(
      "r._j",
      items.map((it) => `s.${it.value}`),
    )} AS _cv FROM ${from} AS s CROSS JOIN (${rules}) AS r)`,
    `${ranked} AS (SELECT *, ROW_NUMBER() ${w} AS _place${next.map((i) => `, LEAD(_j, ${i}) ${w} AS _j${i}, LEAD(_cv, ${i}) ${w} AS _cv${i}`).join("")} FROM ${contrib} WHERE _cv IS NOT NULL OR _j = 0)`,
  ];
  const fixed = items.map((it) => ("text" in it ? it.text : null));
  const labels = items.map((it) => ("label" in it ? it.label : null));
  const textAt = (j: string, v: string) => {
    const decayed = reasonTextSql(byRule(j, labels), v, d);
    const t = labels.every((l) => l === null)
      ? byRule(j, fixed)
      : fixed.every((f) => f === null)
        ? decayed
        : `CASE ${j} ${fixed.flatMap((f, k) => (f === null ? [] : [`WHEN ${k} THEN ${f}`])).join(" ")} ELSE ${decayed} END`;
    return `CASE WHEN ${v} IS NOT NULL THEN ${t} END`;
  };
  const parts = [textAt("_j", "_cv"), ...next.map((i) => textAt(`_j${i}`, `_cv${i}`))];
  const text = `COALESCE(${parts[0]}${parts
    .slice(1)
    .map((p) => ` || COALESCE('; ' || ${p}, '')`)
    .join("")}, '')`;
  ctes.push(
    `_top${suffix} AS (SELECT ${[...keep, `${text} AS ${as}`].join(", ")} FROM ${ranked} WHERE _place = 1)`,
  );
  return ctes;
}
