// From coefficients to integer points on the workbook's scale. The score is a + b*eta (eta = the model's
// log-odds): b spreads the leads over floor..ceiling, a is an always-firing baseline rule. Clamping ties
// the extremes, so a few spreads are tried and the one whose integer scores rank the training leads best
// wins (preferring the one that keeps the typical lead mid-range).
import { auc } from "./auc";
import { type Design, type LogisticModel, linearPredictor } from "./logistic";

export interface Points {
  baseline: number;
  /** Integer points per feature (per activity for count features). */
  points: Int32Array;
  /** Points per unit of log-odds. */
  scale: number;
  /** Training AUC of the integer scores. */
  trainAuc: number;
  /** Share of training leads clamped at the floor or ceiling. */
  clamped: number;
}

export function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** The engine's arithmetic for one lead: sum of integer contributions, clamped. */
export function integerScore(
  X: Design,
  pts: Points,
  row: number,
  floor: number | null,
  ceiling: number | null,
): number {
  let s = pts.baseline;
  for (let k = X.ptr[row]; k < X.ptr[row + 1]; k++) s += pts.points[X.idx[k]] * X.val[k];
  s = roundHalfAway(s);
  if (floor !== null && s < floor) s = floor;
  if (ceiling !== null && s > ceiling) s = ceiling;
  return s;
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

export function toPoints(
  X: Design,
  model: LogisticModel,
  y: Uint8Array,
  rows: ArrayLike<number>,
  floor: number | null,
  ceiling: number | null,
): Points {
  const lo = floor ?? (ceiling !== null ? ceiling - 100 : 0);
  const hi = ceiling ?? lo + 100;
  const eta = new Float64Array(rows.length);
  for (let t = 0; t < rows.length; t++) eta[t] = linearPredictor(X, model, rows[t]);
  const sorted = Float64Array.from(eta).sort();
  const labels = Array.from(rows, (i) => y[i]);
  const med = quantile(sorted, 0.5);
  const candidates: { a: number; b: number; centred: boolean }[] = [];
  for (const q of [0.001, 0.005, 0.01, 0.02, 0.05]) {
    const ql = quantile(sorted, q);
    const qh = quantile(sorted, 1 - q);
    if (qh > ql) {
      const b = (hi - lo) / (qh - ql);
      candidates.push({ a: lo - b * ql, b, centred: false });
    }
    const half = Math.max(qh - med, med - ql);
    if (half > 0) {
      const b = (hi - lo) / 2 / half;
      candidates.push({ a: (lo + hi) / 2 - b * med, b, centred: true });
    }
  }
  if (candidates.length === 0) candidates.push({ a: (lo + hi) / 2 - med, b: 1, centred: true });
  let best: Points | null = null;
  let bestKey = Number.NEGATIVE_INFINITY;
  for (const c of candidates) {
    const pts: Points = {
      baseline: roundHalfAway(c.a + c.b * model.intercept),
      points: Int32Array.from(model.beta, (v) => roundHalfAway(c.b * v)),
      scale: c.b,
      trainAuc: 0,
      clamped: 0,
    };
    const scores = Array.from(rows, (i) => integerScore(X, pts, i, floor, ceiling));
    pts.trainAuc = auc(scores, labels) ?? 0.5;
    pts.clamped = scores.filter((s) => s === floor || s === ceiling).length / Math.max(1, scores.length);
    // Prefer the centred spread unless another ranks clearly better.
    const key = pts.trainAuc + (c.centred ? 0.0005 : 0);
    if (key > bestKey) {
      bestKey = key;
      best = pts;
    }
  }
  return best!;
}
