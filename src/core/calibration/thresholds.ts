// Suggested thresholds. Top tier: the lowest score t such that the leads scoring >= t convert at least
// `multiple` x the base rate and number at least `minCount`. Every tier boundary: the rate on both sides.
import { type RateRow, rateRow } from "./deciles";

export interface BoundaryRow {
  tier: string;
  current_min_score: number;
  below: RateRow;
  at_or_above: RateRow;
}

export interface SuggestedThresholds {
  multiple: number;
  min_count: number;
  /** Base rate x multiple: what the top tier's leads must convert at. */
  target_rate: number | null;
  top_tier: string | null;
  current: number | null;
  /** null when no threshold meets the definition. */
  suggested: number | null;
  at_current: RateRow | null;
  at_suggested: RateRow | null;
  /** Leads that would enter (threshold lowered) or leave (raised) the top tier. */
  leads_entering: number;
  leads_leaving: number;
  boundaries: BoundaryRow[];
  note: string;
}

function atOrAbove(scores: number[], labels: boolean[], t: number, base: number | null): RateRow {
  let n = 0;
  let pos = 0;
  scores.forEach((s, i) => {
    if (s >= t) {
      n++;
      if (labels[i]) pos++;
    }
  });
  return rateRow(n, pos, base);
}

/** Lowest threshold meeting the definition, or null. Scans distinct scores from the top down once. */
export function lowestQualifyingThreshold(
  scores: number[],
  labels: boolean[],
  targetRate: number,
  minCount: number,
): number | null {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let n = 0;
  let pos = 0;
  let best: number | null = null;
  for (let k = 0; k < order.length; ) {
    const s = scores[order[k]];
    while (k < order.length && scores[order[k]] === s) {
      n++;
      if (labels[order[k]]) pos++;
      k++;
    }
    if (n >= minCount && pos >= targetRate * n) best = s; // keep going: a lower one may qualify too
  }
  return best;
}

export function suggestThresholds(
  scores: number[],
  labels: boolean[],
  tiers: readonly { name: string; minScore: number }[],
  base: number | null,
  multiple: number,
  minCount: number,
): SuggestedThresholds {
  const sorted = [...tiers].sort((a, b) => a.minScore - b.minScore);
  const top = sorted[sorted.length - 1];
  const boundaries = sorted.slice(1).map((t) => {
    let n = 0;
    let pos = 0;
    scores.forEach((s, i) => {
      if (s < t.minScore) {
        n++;
        if (labels[i]) pos++;
      }
    });
    return {
      tier: t.name,
      current_min_score: t.minScore,
      below: rateRow(n, pos, base),
      at_or_above: atOrAbove(scores, labels, t.minScore, base),
    };
  });
  const target = base === null ? null : base * multiple;
  let suggested: number | null = null;
  let note: string;
  if (target === null) note = "No labelled leads: nothing to suggest.";
  else if (target > 1) note = `The base rate is too high for a ${multiple}x top tier.`;
  else {
    suggested = lowestQualifyingThreshold(scores, labels, target, minCount);
    note =
      suggested === null
        ? `No score threshold gives ${minCount}+ leads converting at ${multiple}x the base rate.`
        : `Lowest score whose leads at or above convert at ${multiple}x the base rate (${minCount}+ leads).`;
  }
  let entering = 0;
  let leaving = 0;
  if (top && suggested !== null) {
    for (const s of scores) {
      if (s >= suggested && s < top.minScore) entering++;
      if (s < suggested && s >= top.minScore) leaving++;
    }
  }
  return {
    multiple,
    min_count: minCount,
    target_rate: target,
    top_tier: top?.name ?? null,
    current: top?.minScore ?? null,
    suggested,
    at_current: top ? atOrAbove(scores, labels, top.minScore, base) : null,
    at_suggested: suggested === null ? null : atOrAbove(scores, labels, suggested, base),
    leads_entering: entering,
    leads_leaving: leaving,
    boundaries,
    note,
  };
}
