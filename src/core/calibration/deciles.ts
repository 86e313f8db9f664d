// Conversion by score decile and by tier, and the score histograms of converted vs not.
import { wilson } from "./wilson";

export interface RateRow {
  leads: number;
  conversions: number;
  rate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  /** rate / base rate. */
  lift: number | null;
}

export interface DecileRow extends RateRow {
  /** 1 = the best-scored tenth. */
  decile: number;
  min_score: number;
  max_score: number;
}

export interface TierRow extends RateRow {
  tier: string;
  min_score: number;
}

export interface HistogramBin {
  from: number;
  /** Exclusive, except for the last bin. */
  to: number;
  converted: number;
  not_converted: number;
}

export function rateRow(leads: number, conversions: number, base: number | null): RateRow {
  const rate = leads > 0 ? conversions / leads : null;
  const [lo, hi] = wilson(conversions, leads);
  return {
    leads,
    conversions,
    rate,
    ci_low: leads > 0 ? lo : null,
    ci_high: leads > 0 ? hi : null,
    lift: rate !== null && base ? rate / base : null,
  };
}

/** Ten equal-count groups by rank (the last ones absorb the remainder); ties may straddle a boundary. */
export function byDecile(scores: number[], labels: boolean[], base: number | null): DecileRow[] {
  const n = scores.length;
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const rows: DecileRow[] = [];
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((n * d) / 10);
    const to = Math.floor((n * (d + 1)) / 10);
    if (to <= from) continue;
    let pos = 0;
    for (let k = from; k < to; k++) if (labels[order[k]]) pos++;
    rows.push({
      decile: d + 1,
      min_score: scores[order[to - 1]],
      max_score: scores[order[from]],
      ...rateRow(to - from, pos, base),
    });
  }
  return rows;
}

export function byTier(
  tiers: readonly { name: string; minScore: number }[],
  leadTiers: string[],
  labels: boolean[],
  base: number | null,
): TierRow[] {
  const key = (s: string) => s.trim().toLowerCase();
  const counts = new Map<string, { n: number; pos: number }>();
  leadTiers.forEach((t, i) => {
    const c = counts.get(key(t)) ?? { n: 0, pos: 0 };
    c.n++;
    if (labels[i]) c.pos++;
    counts.set(key(t), c);
  });
  return tiers.map((t) => {
    const c = counts.get(key(t.name)) ?? { n: 0, pos: 0 };
    return { tier: t.name, min_score: t.minScore, ...rateRow(c.n, c.pos, base) };
  });
}

/** Histogram on the score scale (floor..ceiling when set), about `bins` bins of integer width. */
export function histogram(
  scores: number[],
  labels: boolean[],
  floor: number | null,
  ceiling: number | null,
  bins = 10,
): HistogramBin[] {
  if (scores.length === 0) return [];
  // A loop, not Math.min(...scores): spreading passes each score as an argument, past the stack at ~100k.
  let min = scores[0];
  let max = scores[0];
  for (const s of scores) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const lo = Math.min(floor ?? min, min);
  const hi = Math.max(ceiling ?? max, max);
  const width = Math.max(1, Math.ceil((hi - lo + 1) / bins));
  const out: HistogramBin[] = [];
  for (let from = lo; from <= hi; from += width)
    out.push({ from, to: from + width, converted: 0, not_converted: 0 });
  scores.forEach((s, i) => {
    const b = out[Math.min(out.length - 1, Math.floor((s - lo) / width))];
    if (labels[i]) b.converted++;
    else b.not_converted++;
  });
  return out;
}
