// Tiers: the tier with the greatest Min Score ≤ score; below every tier → the lowest tier.
import type { Tier } from "./types";
import { normText } from "./values";

export const DEFAULT_TIERS: readonly Tier[] = [
  { name: "Cold", minScore: 0, notify: false },
  { name: "Warm", minScore: 31, notify: false },
  { name: "Hot", minScore: 61, notify: false },
  { name: "Sales-ready", minScore: 86, notify: true },
];

/**
 * Problems with a tier list from the sidebar (its draft, and again on the server before saving), one message
 * each, in the order the user should fix them. Names compare trimmed and case-insensitively, as in Settings.
 */
export function validateTiers(tiers: readonly Tier[]): string[] {
  const errors: string[] = [];
  if (tiers.length === 0) errors.push("Add at least one tier.");
  const names = new Set<string>();
  const mins = new Set<number>();
  tiers.forEach((t, i) => {
    const name = t.name.trim();
    const label = name || `Tier ${i + 1}`;
    if (!name) errors.push(`Tier ${i + 1} needs a name.`);
    else if (names.has(normText(name))) errors.push(`"${label}" is used twice.`);
    names.add(normText(name));
    if (!Number.isFinite(t.minScore)) errors.push(`"${label}" needs a number as minimum score.`);
    else if (mins.has(t.minScore)) errors.push(`Two tiers start at ${t.minScore}.`);
    mins.add(t.minScore);
  });
  return errors;
}

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
