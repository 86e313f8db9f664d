// Tier counting for the live preview. Uses the engine's own tierFor (highest minimum reached; below every
// tier → the lowest tier) so the counts shown before saving are the counts a rescore gives.
import { tierFor } from "../../src/core/tiers";
import type { Tier } from "../../src/core/types";

// The one tier validator, shared with the server's saveTiers.
export { validateTiers } from "../../src/core/tiers";

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
