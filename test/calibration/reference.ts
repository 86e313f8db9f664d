// Reference models for the quality goal: a well-tuned L2 logistic regression on the usual encoding
// (one-hot of every value, numeric fields standardised raw and log-scaled with a missing flag, penalty
// tuned by cross-validation) and a naive Bayes. Both are fitted on Leads columns only.
import { auc } from "../../src/core/calibration/auc";
import { type Design, fitLogistic, linearPredictor } from "../../src/core/calibration/logistic";
import { isBlankLike } from "../../src/core/calibration/placeholders";
import { chooseLambda } from "../../src/core/calibration/training";
import { findColumn } from "../../src/core/headers";
import type { CellValue, Grid } from "../../src/core/types";
import { normText as cellKey, parseNumber } from "../../src/core/values";

const cellNumber = (v: CellValue): number | null => {
  const x = parseNumber(v);
  return Number.isNaN(x) ? null : x;
};

type Encoder = (row: readonly unknown[]) => [number, number][];

/** Fits the encoding on training rows; columns are named explicitly. */
function encoder(train: Grid, columns: string[]): { p: number; encode: Encoder } {
  const h = train[0];
  let p = 0;
  const parts: ((row: readonly unknown[]) => [number, number][])[] = [];
  for (const name of columns) {
    const c = findColumn(h, name);
    const values = train.slice(1).map((r) => r[c]);
    const nums = values.map((v) => cellNumber(v as never)).filter((x): x is number => x !== null);
    const nonBlank = values.filter((v) => !isBlankLike(cellKey(v as never))).length;
    if (nums.length >= 0.9 * nonBlank && new Set(nums).size > 12) {
      const logs = nums.map((x) => Math.sign(x) * Math.log1p(Math.abs(x)));
      const stat = (xs: number[]) => {
        const m = xs.reduce((a, b) => a + b, 0) / xs.length;
        const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length) || 1;
        return [m, sd];
      };
      const [m1, s1] = stat(nums);
      const [m2, s2] = stat(logs);
      const base = p;
      p += 3;
      parts.push((row) => {
        const x = cellNumber(row[c] as never);
        if (x === null) return [[base + 2, 1]];
        return [
          [base, (x - m1) / s1],
          [base + 1, (Math.sign(x) * Math.log1p(Math.abs(x)) - m2) / s2],
        ];
      });
    } else {
      const index = new Map<string, number>();
      for (const v of values) {
        const k = isBlankLike(cellKey(v as never)) ? "" : cellKey(v as never);
        if (!index.has(k)) index.set(k, p++);
      }
      parts.push((row) => {
        const k = isBlankLike(cellKey(row[c] as never)) ? "" : cellKey(row[c] as never);
        const f = index.get(k);
        return f === undefined ? [] : [[f, 1]];
      });
    }
  }
  return { p, encode: (row) => parts.flatMap((f) => f(row)) };
}

function design(rows: Grid, enc: { p: number; encode: Encoder }): Design {
  const ptr = new Int32Array(rows.length + 1);
  const idx: number[] = [];
  const val: number[] = [];
  rows.forEach((r, i) => {
    for (const [f, v] of enc.encode(r)) {
      idx.push(f);
      val.push(v);
    }
    ptr[i + 1] = idx.length;
  });
  return { p: enc.p, ptr, idx: Int32Array.from(idx), val: Float64Array.from(val) };
}

/** Held-out AUC of a CV-tuned L2 logistic regression. */
export function referenceLogistic(
  train: Grid,
  test: Grid,
  columns: string[],
  yTrain: boolean[],
  yTest: boolean[],
): number {
  const enc = encoder(train, columns);
  const X = design(train.slice(1), enc);
  const y = Uint8Array.from(yTrain, Number);
  const rows = yTrain.map((_, i) => i);
  const { lambda } = chooseLambda(X, y, rows, 11, 5);
  const model = fitLogistic(X, y, rows, lambda);
  const Xt = design(test.slice(1), enc);
  return auc(
    yTest.map((_, i) => linearPredictor(Xt, model, i)),
    yTest,
  )!;
}

/** Held-out AUC of naive Bayes (Laplace-smoothed categories; numeric fields in 10 quantile bins). */
export function naiveBayes(
  train: Grid,
  test: Grid,
  columns: string[],
  yTrain: boolean[],
  yTest: boolean[],
): number {
  const h = train[0];
  const P = yTrain.filter(Boolean).length;
  const N = yTrain.length - P;
  const scores = new Float64Array(yTest.length);
  for (const name of columns) {
    const c = findColumn(h, name);
    const values = train.slice(1).map((r) => r[c]);
    const nums = values
      .map((v) => cellNumber(v as never))
      .filter((x): x is number => x !== null)
      .sort((a, b) => a - b);
    const numeric = nums.length >= 0.5 * values.length && new Set(nums).size > 12;
    const cuts = numeric
      ? Array.from({ length: 9 }, (_, k) => nums[Math.floor(((k + 1) * nums.length) / 10)])
      : [];
    const key = (v: unknown): string => {
      if (numeric) {
        const x = cellNumber(v as never);
        if (x === null) return "missing";
        return `bin${cuts.filter((t) => x > t).length}`;
      }
      const k = cellKey(v as never);
      return isBlankLike(k) ? "" : k;
    };
    const pos = new Map<string, number>();
    const neg = new Map<string, number>();
    values.forEach((v, i) => {
      const m = yTrain[i] ? pos : neg;
      m.set(key(v), (m.get(key(v)) ?? 0) + 1);
    });
    const levels = new Set([...pos.keys(), ...neg.keys()]).size + 1;
    test.slice(1).forEach((r, i) => {
      const k = key(r[c]);
      scores[i] +=
        Math.log(((pos.get(k) ?? 0) + 1) / (P + levels)) - Math.log(((neg.get(k) ?? 0) + 1) / (N + levels));
    });
  }
  return auc(scores, yTest)!;
}
