// ROC curve (one point per distinct score, thinned for charts) and cumulative gain / lift curve.

export interface RocPoint {
  /** Leads scoring at least this are called positive. */
  threshold: number;
  fpr: number;
  tpr: number;
}

export interface GainPoint {
  /** Share of leads taken, best scores first. */
  fraction_leads: number;
  /** Share of all conversions among them (ties split evenly). */
  fraction_conversions: number;
  /** fraction_conversions / fraction_leads. */
  lift: number;
}

interface Block {
  score: number;
  n: number;
  pos: number;
}

/** Leads grouped by score, best first. */
export function scoreBlocks(scores: ArrayLike<number>, labels: ArrayLike<boolean>): Block[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const blocks: Block[] = [];
  for (const i of order) {
    const last = blocks[blocks.length - 1];
    if (last && last.score === scores[i]) {
      last.n++;
      if (labels[i]) last.pos++;
    } else blocks.push({ score: scores[i], n: 1, pos: labels[i] ? 1 : 0 });
  }
  return blocks;
}

export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<boolean>, maxPoints = 201): RocPoint[] {
  const blocks = scoreBlocks(scores, labels);
  let P = 0;
  for (const b of blocks) P += b.pos;
  const N = scores.length - P;
  if (P === 0 || N === 0) return [];
  const points: RocPoint[] = [{ threshold: Number.POSITIVE_INFINITY, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (const b of blocks) {
    tp += b.pos;
    fp += b.n - b.pos;
    points.push({ threshold: b.score, fpr: fp / N, tpr: tp / P });
  }
  points[0].threshold = blocks[0].score + 1; // JSON has no Infinity
  if (points.length <= maxPoints) return points;
  // Thin evenly, always keeping both ends.
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, k) => points[Math.round(k * step)]);
}

export function gainCurve(scores: ArrayLike<number>, labels: ArrayLike<boolean>, steps = 20): GainPoint[] {
  const blocks = scoreBlocks(scores, labels);
  const n = scores.length;
  let P = 0;
  for (const b of blocks) P += b.pos;
  if (n === 0 || P === 0) return [];
  const out: GainPoint[] = [];
  let bi = 0;
  let takenN = 0; // leads in fully taken blocks
  let takenPos = 0;
  for (let s = 1; s <= steps; s++) {
    const want = (n * s) / steps;
    while (bi < blocks.length && takenN + blocks[bi].n <= want + 1e-9) {
      takenN += blocks[bi].n;
      takenPos += blocks[bi].pos;
      bi++;
    }
    // Part of a tie block: its conversions are shared evenly.
    const partial = bi < blocks.length ? ((want - takenN) / blocks[bi].n) * blocks[bi].pos : 0;
    const frac = s / steps;
    const conv = (takenPos + partial) / P;
    out.push({ fraction_leads: frac, fraction_conversions: conv, lift: conv / frac });
  }
  return out;
}
