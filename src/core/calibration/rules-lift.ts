// Per rule: how many labelled leads it fires for, conversion with and without it, lift — which rules
// predict and which are noise.
import { wilson } from "./wilson";

export interface RuleStat {
  /** Sheet row of the rule on the Scoring Matrix. */
  rule_row: number;
  label: string;
  group: string;
  points: number;
  fires: number;
  conversions_with: number;
  rate_with: number | null;
  ci_low: number | null;
  ci_high: number | null;
  rate_without: number | null;
  /** rate_with / base rate. */
  lift: number | null;
  /** "small-n" when it fires for fewer than 30 labelled leads. */
  flags: string[];
}

export interface RuleInfo {
  rule_row: number;
  label: string;
  group: string;
  points: number;
}

/** `fired[i]` lists the rule rows that fired for labelled lead i. */
export function ruleStats(
  rules: readonly RuleInfo[],
  fired: readonly (readonly number[])[],
  labels: readonly boolean[],
  minCount = 30,
): RuleStat[] {
  const n = labels.length;
  let P = 0;
  for (const y of labels) if (y) P++;
  const base = n > 0 ? P / n : null;
  const fires = new Map<number, { n: number; pos: number }>();
  fired.forEach((rows, i) => {
    for (const r of new Set(rows)) {
      const c = fires.get(r) ?? { n: 0, pos: 0 };
      c.n++;
      if (labels[i]) c.pos++;
      fires.set(r, c);
    }
  });
  return rules.map((rule) => {
    const c = fires.get(rule.rule_row) ?? { n: 0, pos: 0 };
    const rateWith = c.n > 0 ? c.pos / c.n : null;
    const [lo, hi] = wilson(c.pos, c.n);
    return {
      ...rule,
      fires: c.n,
      conversions_with: c.pos,
      rate_with: rateWith,
      ci_low: c.n > 0 ? lo : null,
      ci_high: c.n > 0 ? hi : null,
      rate_without: n - c.n > 0 ? (P - c.pos) / (n - c.n) : null,
      lift: rateWith !== null && base ? rateWith / base : null,
      flags: c.n < minCount ? ["small-n"] : [],
    };
  });
}
