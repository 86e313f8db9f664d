// A small gradient-boosted-trees STAND-IN for the fit bench's boosted reference (no boosted-tree package
// is a dependency): depth-limited trees on binned features, logistic loss with Newton leaf values and L2 on
// them, shrinkage, and early stopping (and the depth chosen) on a validation split of the training leads. Categorical bins are
// ordered by gradient/hessian at each node (as LightGBM does), numeric bins keep their order. It is
// honest but not tuned like XGBoost or LightGBM: read its AUC as a floor for what boosting reaches.
import { buildColumns } from "../../src/core/calibration/features";
import type { Grid } from "../../src/core/types";

export interface BinnedData {
  /** Per feature: per data row, its bin (0..bins-1). */
  codes: Int32Array[];
  bins: number[];
  categorical: boolean[];
}

export interface GbtOptions {
  depth: number;
  maxRounds: number;
  shrinkage: number;
  lambda: number;
  minLeaf: number;
  patience: number;
}

const DEFAULTS: GbtOptions = {
  depth: 3,
  maxRounds: 800,
  shrinkage: 0.05,
  lambda: 1,
  minLeaf: 20,
  patience: 50,
};

interface Node {
  feature: number;
  /** Per bin: 1 = left child. */
  left: Uint8Array | null;
  l: number;
  r: number;
  value: number;
}

/**
 * The Leads columns as bins, learnt on the training rows the way the fit learns its atoms (finer numeric
 * bins): categorical values (rare ones pooled), numeric quantile bins, missing, keyword flags.
 */
export function binLeads(leads: Grid, trainRows: number[], never: string[]): BinnedData {
  const built = buildColumns(leads, trainRows, { never: new Set(never), minSupport: 20, maxBins: 32 });
  const data: BinnedData = { codes: [], bins: [], categorical: [] };
  for (const col of built.columns) {
    data.codes.push(Int32Array.from(col.atomOf, (a) => a + 1)); // 0: no atom (rare value / unseen)
    data.bins.push(col.atoms.length + 1);
    data.categorical.push(col.kind === "categorical");
  }
  for (const flag of built.flags) {
    for (const item of flag.items) {
      data.codes.push(Int32Array.from(item.on));
      data.bins.push(2);
      data.categorical.push(false);
    }
  }
  return data;
}

function buildTree(
  data: BinnedData,
  g: Float64Array,
  h: Float64Array,
  rows: Int32Array,
  depth: number,
  o: GbtOptions,
  nodes: Node[],
): number {
  let G = 0;
  let H = 0;
  for (const r of rows) {
    G += g[r];
    H += h[r];
  }
  const at = nodes.length;
  nodes.push({ feature: -1, left: null, l: -1, r: -1, value: (-G / (H + o.lambda)) * o.shrinkage });
  if (depth === 0 || rows.length < 2 * o.minLeaf) return at;
  const parent = (G * G) / (H + o.lambda);
  let best = 1e-9;
  let bestFeature = -1;
  let bestLeft: Uint8Array | null = null;
  data.codes.forEach((codes, f) => {
    const B = data.bins[f];
    const gs = new Float64Array(B);
    const hs = new Float64Array(B);
    const ns = new Int32Array(B);
    for (const r of rows) {
      const b = codes[r];
      gs[b] += g[r];
      hs[b] += h[r];
      ns[b]++;
    }
    const order = Array.from({ length: B }, (_, b) => b).filter((b) => ns[b] > 0);
    if (data.categorical[f]) order.sort((a, b) => gs[a] / (hs[a] + o.lambda) - gs[b] / (hs[b] + o.lambda));
    let gl = 0;
    let hl = 0;
    let nl = 0;
    for (let k = 0; k + 1 < order.length; k++) {
      const b = order[k];
      gl += gs[b];
      hl += hs[b];
      nl += ns[b];
      if (nl < o.minLeaf || rows.length - nl < o.minLeaf) continue;
      const gr = G - gl;
      const hr = H - hl;
      const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - parent;
      if (gain > best) {
        best = gain;
        bestFeature = f;
        bestLeft = new Uint8Array(B);
        for (let j = 0; j <= k; j++) bestLeft[order[j]] = 1;
      }
    }
  });
  if (bestFeature < 0 || !bestLeft) return at;
  const codes = data.codes[bestFeature];
  const goesLeft = bestLeft;
  const left = rows.filter((r) => goesLeft[codes[r]] === 1);
  const right = rows.filter((r) => goesLeft[codes[r]] === 0);
  const node = nodes[at];
  node.feature = bestFeature;
  node.left = goesLeft;
  node.l = buildTree(data, g, h, left, depth - 1, o, nodes);
  node.r = buildTree(data, g, h, right, depth - 1, o, nodes);
  return at;
}

function treeValue(data: BinnedData, nodes: Node[], row: number): number {
  let n = nodes[0];
  while (n.left) n = nodes[n.left[data.codes[n.feature][row]] ? n.l : n.r];
  return n.value;
}

function logLoss(F: Float64Array, y: Uint8Array, rows: readonly number[]): number {
  let s = 0;
  for (const r of rows) {
    const e = F[r];
    s += (e > 35 ? e : Math.log1p(Math.exp(e))) - (y[r] ? e : 0);
  }
  return s;
}

/** Boosts on `train`, stops early on `valid`; the log-odds of every data row, the rounds kept, the loss. */
export function boost(
  data: BinnedData,
  y: Uint8Array,
  train: number[],
  valid: number[],
  options: Partial<GbtOptions> = {},
): { scores: Float64Array; rounds: number; loss: number } {
  const o = { ...DEFAULTS, ...options };
  const rows = y.length;
  const pos = train.reduce((n, r) => n + y[r], 0);
  const F = new Float64Array(rows).fill(Math.log(pos / (train.length - pos)));
  const g = new Float64Array(rows);
  const h = new Float64Array(rows);
  const trainIdx = Int32Array.from(train);
  const trees: Node[][] = [];
  let best = logLoss(F, y, valid);
  let bestRounds = 0;
  for (let round = 0; round < o.maxRounds && round - bestRounds < o.patience; round++) {
    for (const r of train) {
      const p = 1 / (1 + Math.exp(-F[r]));
      g[r] = p - y[r];
      h[r] = Math.max(p * (1 - p), 1e-12);
    }
    const nodes: Node[] = [];
    buildTree(data, g, h, trainIdx, o.depth, o, nodes);
    trees.push(nodes);
    for (let r = 0; r < rows; r++) F[r] += treeValue(data, nodes, r);
    const loss = logLoss(F, y, valid);
    if (loss < best - 1e-9) {
      best = loss;
      bestRounds = round + 1;
    }
  }
  // Back to the best round: subtract the trees after it.
  for (const nodes of trees.slice(bestRounds))
    for (let r = 0; r < rows; r++) F[r] -= treeValue(data, nodes, r);
  return { scores: F, rounds: bestRounds, loss: best };
}

/** The tree depth tuned on the validation split too (2, 3 or 5): the best of the three boosted models. */
export function boostedScores(
  data: BinnedData,
  y: Uint8Array,
  train: number[],
  valid: number[],
): { scores: Float64Array; rounds: number; depth: number } {
  let best: { scores: Float64Array; rounds: number; loss: number; depth: number } | null = null;
  for (const depth of [2, 3, 5]) {
    const fit = { ...boost(data, y, train, valid, { depth }), depth };
    if (!best || fit.loss < best.loss) best = fit;
  }
  return best!;
}
