// Tiers: the tier with the greatest Min Score ≤ score; below every tier → the lowest tier.
import type { Tier } from "./types";

export const DEFAULT_TIERS: readonly Tier[] = [
  { name: "Cold", minScore: 0, notify: false },
  { name: "Warm", minScore: 31, notify: false },
  { name: "Hot", minScore: 61, notify: false },
  { name: "Sales-ready", minScore: 86, notify: true },
];

/** `tiers` must be non-empty and ascending by minScore (parseSettings guarantees both). */
export function tierFor(score: number, tiers: readonly Tier[]): Tier {
  let found = tiers[0];
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i].minScore <= score) found = tiers[i];
  }
  return found;
}

/** The first tier above the lead's tier and its distance; null at the top tier. */
export function nextTierFor(
  score: number,
  tiers: readonly Tier[],
): { name: string; pointsNeeded: number } | null {
  const current = tierFor(score, tiers);
  const at = tiers.indexOf(current);
  for (let i = at + 1; i < tiers.length; i++) {
    if (tiers[i].minScore > score) return { name: tiers[i].name, pointsNeeded: tiers[i].minScore - score };
  }
  return null;
}
