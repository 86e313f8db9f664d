// Seeded randomness for splits and folds, reproducible from --seed.
import { mulberry32 } from "../random";

export function rng(seed: number): () => number {
  return mulberry32(seed >>> 0 || 0x9e3779b9);
}

/** Stratified assignment of items to k folds (labels spread evenly over the folds). */
export function stratifiedFolds(
  labels: ArrayLike<boolean | number>,
  k: number,
  random: () => number,
): Int32Array {
  const fold = new Int32Array(labels.length);
  for (const cls of [true, false]) {
    const idx: number[] = [];
    for (let i = 0; i < labels.length; i++) if (Boolean(labels[i]) === cls) idx.push(i);
    shuffle(idx, random);
    idx.forEach((i, j) => {
      fold[i] = j % k;
    });
  }
  return fold;
}

export function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
