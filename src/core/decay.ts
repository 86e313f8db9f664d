// Time decay: an activity `age` days old weighs 0.5^(age / half-life).

/** Weight of an activity; no half-life (null, 0 or less) means no decay. Future ages weigh 1. */
export function decayWeight(ageDays: number, halfLifeDays: number | null): number {
  if (halfLifeDays === null || !(halfLifeDays > 0) || ageDays <= 0) return 1;
  return 0.5 ** (ageDays / halfLifeDays);
}
