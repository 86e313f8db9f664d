// Tier counting for the live preview. Uses the engine's own tierFor (highest minimum reached; below every
// tier → the lowest tier) so the counts shown before saving are the counts a rescore gives.
import { tierFor } from "../../src/core/tiers";
import type { Tier } from "../../src/core/types";

/** Tiers with a usable minimum, ascending as tierFor wants them. */
export function sortTiersAsc(tiers: readonly Tier[]): Tier[] {
  return tiers.filter((t) => Number.isFinite(t.minScore)).sort((a, b) => a.minScore - b.minScore);
}

/** Rank for colours: 0 = the top tier. */
export function tierRank(name: string, tiers: readonly Tier[]): number {
  const asc = sortTiersAsc(tiers);
  const i = asc.findIndex((t) => t.name === name);
  return i < 0 ? -1 : asc.length - 1 - i;
}

export interface TierCount {
  name: string;
  minScore: number;
  count: number;
}

/** Leads per tier, highest tier first. Non-numeric scores are left out. */
export function countTiers(scores: readonly number[], tiers: readonly Tier[]): TierCount[] {
  const asc = sortTiersAsc(tiers);
  if (asc.length === 0) return [];
  const counts = new Map<Tier, number>(asc.map((t) => [t, 0]));
  for (const s of scores) {
    if (!Number.isFinite(s)) continue;
    const t = tierFor(s, asc);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return asc.reverse().map((t) => ({ name: t.name, minScore: t.minScore, count: counts.get(t) ?? 0 }));
}

/** Problems with a draft tier list, one message each, in the order the user should fix them. */
export function validateTiers(tiers: readonly Tier[]): string[] {
  const errors: string[] = [];
  if (tiers.length === 0) errors.push("Add at least one tier.");
  const names = new Set<string>();
  const mins = new Set<number>();
  tiers.forEach((t, i) => {
    const name = t.name.trim();
    const label = name || `Tier ${i + 1}`;
    if (!name) errors.push(`Tier ${i + 1} needs a name.`);
    else if (names.has(name.toLowerCase())) errors.push(`"${label}" is used twice.`);
    names.add(name.toLowerCase());
    if (!Number.isFinite(t.minScore)) errors.push(`"${label}" needs a number as minimum score.`);
    else if (mins.has(t.minScore)) errors.push(`Two tiers start at ${t.minScore}.`);
    mins.add(t.minScore);
  });
  return errors;
}
