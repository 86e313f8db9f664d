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

/** reasonFor(label, v) for a non-NULL, non-zero value v; `label` is a literal. */
export function reasonTextSql(label: string, v: string, d: Dialect): string {
  return `${label} || CASE WHEN ${v} < 0 THEN ' \u2212' ELSE ' +' END || ${formatPositive(`ABS(${v})`, d)}`;
}

/** Each contribution's place among a lead's (0 = first): the values ahead of it, larger or as large and
 * earlier in the matrix (values in matrix order; NULL = no contribution). */
export function reasonPlaces(values: readonly string[]): string[] {
  return values.map((v, j) => {
    const ahead = values.flatMap((o, k) =>
      k === j ? [] : [`CASE WHEN ABS(${o}) ${k < j ? ">=" : ">"} ABS(${v}) THEN 1 ELSE 0 END`],
    );
    return ahead.length === 0 ? "0" : ahead.join(" + ");
  });
}

/** The reasons text: the texts at places 0, 1, 2 joined by "; " ("" with none). */
export function topReasonsSql(
  items: readonly { value: string; place: string; text: string }[],
  max: number,
): string {
  if (items.length === 0) return "''";
  const at = (p: number) =>
    `CASE ${items.map((it) => `WHEN ${it.value} IS NOT NULL AND ${it.place} = ${p} THEN ${it.text}`).join(" ")} END`;
  const parts = Array.from({ length: Math.min(max, items.length) }, (_, p) => at(p));
  return `COALESCE(${parts[0]}${parts
    .slice(1)
    .map((s) => ` || COALESCE('; ' || ${s}, '')`)
    .join("")}, '')`;
}
