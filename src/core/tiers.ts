// Tiers: the tier with the greatest Min Score ≤ score; below every tier → the lowest tier.
import type { Tier } from "./types";
import { normText } from "./values";

export const DEFAULT_TIERS: readonly Tier[] = [
  { name: "Cold", minScore: 0, notify: false },
  { name: "Warm", minScore: 31, notify: false },
  { name: "Hot", minScore: 61, notify: false },
  { name: "Sales-ready", minScore: 86, notify: true },
];

/** What can be wrong with one named band (a tier or a grade) among others; `earlier` indexes the list. */
export type BandFault =
  | { kind: "no-name" }
  | { kind: "same-name"; earlier: number }
  | { kind: "no-min" }
  | { kind: "same-min"; earlier: number };

/**
 * The one rule for named bands with a minimum (tiers, grades), wherever they are checked (the sidebar, the
 * server before saving, the Settings reader): a band needs a name and a number; names compare trimmed and
 * case-insensitively; no two bands share a name or a minimum (bands are found by minimum, so of two with one
 * only one could ever be given). Each band's faults, in that order, against the earlier bands that count:
 * every earlier band when `skipFaulty` is false (a draft the user fixes as a whole), only the accepted ones
 * when it is true (the Settings reader skips a faulty row and goes on).
 */
export function bandFaults(
  bands: readonly { name: string; min: number }[],
  skipFaulty: boolean,
): BandFault[][] {
  const names = new Map<string, number>();
  const mins = new Map<number, number>();
  return bands.map((band, i) => {
    const faults: BandFault[] = [];
    const name = normText(band.name);
    if (!name) faults.push({ kind: "no-name" });
    else if (names.has(name)) faults.push({ kind: "same-name", earlier: names.get(name)! });
    if (!Number.isFinite(band.min)) faults.push({ kind: "no-min" });
    else if (mins.has(band.min)) faults.push({ kind: "same-min", earlier: mins.get(band.min)! });
    if (faults.length === 0 || !skipFaulty) {
      if (name && !names.has(name)) names.set(name, i);
      if (Number.isFinite(band.min) && !mins.has(band.min)) mins.set(band.min, i);
    }
    return faults;
  });
}

/**
 * Problems with a tier list from the sidebar (its draft, and again on the server before saving), one message
 * each, in the order the user should fix them (bandFaults is the rule).
 */
export function validateTiers(tiers: readonly Tier[]): string[] {
  const errors: string[] = [];
  if (tiers.length === 0) errors.push("Add at least one tier.");
  const faults = bandFaults(
    tiers.map((t) => ({ name: t.name, min: t.minScore })),
    false,
  );
  tiers.forEach((t, i) => {
    const label = t.name.trim() || `Tier ${i + 1}`;
    for (const fault of faults[i]) {
      if (fault.kind === "no-name") errors.push(`Tier ${i + 1} needs a name.`);
      else if (fault.kind === "same-name") errors.push(`"${label}" is used twice.`);
      else if (fault.kind === "no-min") errors.push(`"${label}" needs a number as minimum score.`);
      else errors.push(`Two tiers start at ${t.minScore}.`);
    }
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
