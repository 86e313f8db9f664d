// Shrinking the matrix to a readable size: repeatedly merge the two clusters of a column whose fitted
// coefficients are closest (Ward's cost: w1*w2/(w1+w2) * (b1-b2)^2), or drop a cluster whose coefficient
// is near zero (cost w*b^2), whichever loses least, until the rule budget is met. Numeric bins only merge
// with their neighbours, so a merged bin is still one `between` range; keywords of one column merge into
// one alternation; other flags and activity features can only be dropped. Interactions are kept whole (the
// search accepted each on held-out leads); their rules count against the budget.
import type { ColumnSpec } from "./features";
import type { Design, LogisticModel } from "./logistic";
import { type Cluster, featureCount, interactionRules, rulesFor, type Structure } from "./structure";

interface Live {
  cl: Cluster | null; // null: a flag cluster or an activity feature
  flag: Cluster | null;
  activity: number;
  coef: number;
  weight: number;
}

/** Training weight of each feature: rows where it is non-zero (sum of squares for counts). */
export function featureWeights(X: Design, rows: ArrayLike<number>): Float64Array {
  const w = new Float64Array(X.p);
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    for (let k = X.ptr[i]; k < X.ptr[i + 1]; k++) w[X.idx[k]] += X.val[k] * X.val[k];
  }
  return w;
}

function binRank(col: ColumnSpec, cl: Cluster): number {
  return col.atoms[cl.atoms[0]].kind === "bin" ? cl.atoms[0] : -1;
}

function mergeable(col: ColumnSpec, a: Cluster, b: Cluster): boolean {
  const kinds = (c: Cluster) => c.atoms.map((i) => col.atoms[i].kind);
  if (col.kind === "numeric") {
    if (kinds(a).includes("missing") || kinds(b).includes("missing")) return false;
    const bins = col.atoms.filter((x) => x.kind === "bin").length;
    if (a.atoms.length + b.atoms.length >= bins) return false; // "all numbers" is not one range rule
    return a.atoms[a.atoms.length - 1] + 1 === b.atoms[0] || b.atoms[b.atoms.length - 1] + 1 === a.atoms[0];
  }
  // Values with commas cannot sit in an `in list`.
  const commas = (c: Cluster) =>
    c.atoms.some((i) => {
      const x = col.atoms[i];
      return x.kind === "value" && x.text.includes(",");
    });
  return !commas(a) && !commas(b);
}

export function countRules(s: Structure): number {
  return (
    s.clusters.reduce((n, cl) => n + rulesFor(s, cl), 0) +
    s.flagClusters.length +
    s.activities.length +
    interactionRules(s)
  );
}

/** Merge/drop until the structure needs at most `budget` rules. `coef`/`weight` are per feature. */
export function mergeToBudget(
  s: Structure,
  coef: ArrayLike<number>,
  weight: ArrayLike<number>,
  budget: number,
): Structure {
  const live: Live[] = [];
  s.clusters.forEach((cl, f) => {
    live.push({
      cl: { column: cl.column, atoms: [...cl.atoms] },
      flag: null,
      activity: -1,
      coef: coef[f],
      weight: weight[f],
    });
  });
  s.flagClusters.forEach((cl, k) => {
    const f = s.clusters.length + k;
    live.push({ cl: null, flag: cl, activity: -1, coef: coef[f], weight: weight[f] });
  });
  s.activities.forEach((_, k) => {
    const f = s.clusters.length + s.flagClusters.length + k;
    live.push({ cl: null, flag: null, activity: k, coef: coef[f], weight: weight[f] });
  });
  const rules = (l: Live) => (l.cl ? rulesFor(s, l.cl) : 1);
  let total = live.reduce((n, l) => n + rules(l), 0) + interactionRules(s);
  while (total > budget && live.length > 0) {
    let best = Number.POSITIVE_INFINITY;
    let bi = -1;
    let bj = -1; // -1: drop live[bi]
    live.forEach((l, i) => {
      const c = (l.weight * l.coef * l.coef) / rules(l);
      if (c < best) {
        best = c;
        bi = i;
        bj = -1;
      }
    });
    const byColumn = new Map<number, number[]>();
    live.forEach((l, i) => {
      if (!l.cl) return;
      const list = byColumn.get(l.cl.column) ?? [];
      list.push(i);
      byColumn.set(l.cl.column, list);
    });
    for (const [c, list] of byColumn) {
      const col = s.columns[c];
      const sorted =
        col.kind === "numeric"
          ? list
              .filter((i) => binRank(col, live[i].cl!) >= 0)
              .sort((x, y) => live[x].cl!.atoms[0] - live[y].cl!.atoms[0])
          : [...list].sort((x, y) => live[x].coef - live[y].coef);
      for (let k = 0; k + 1 < sorted.length; k++) {
        const a = live[sorted[k]];
        const b = live[sorted[k + 1]];
        if (!mergeable(col, a.cl!, b.cl!)) continue;
        const w = a.weight + b.weight;
        const cost = w > 0 ? ((a.weight * b.weight) / w) * (a.coef - b.coef) ** 2 : 0;
        // A merge saves a rule only if the two clusters' rules do not both survive anyway.
        const saved =
          rules(a) + rules(b) - rulesFor(s, { column: c, atoms: [...a.cl!.atoms, ...b.cl!.atoms] });
        if (saved <= 0) continue;
        if (cost / saved < best) {
          best = cost / saved;
          bi = sorted[k];
          bj = sorted[k + 1];
        }
      }
    }
    // Keywords: neighbours by coefficient merge into one alternation (one rule saved). The weights of
    // overlapping keywords double-count a little; the refit that follows corrects the coefficients.
    const byFlagColumn = new Map<number, number[]>();
    live.forEach((l, i) => {
      if (!l.flag || !s.flagColumns[l.flag.column].mergeable) return;
      if (l.flag.atoms.some((a) => s.flagColumns[l.flag!.column].items[a].token === undefined)) return;
      const list = byFlagColumn.get(l.flag.column) ?? [];
      list.push(i);
      byFlagColumn.set(l.flag.column, list);
    });
    for (const list of byFlagColumn.values()) {
      const sorted = [...list].sort((x, y) => live[x].coef - live[y].coef);
      for (let k = 0; k + 1 < sorted.length; k++) {
        const a = live[sorted[k]];
        const b = live[sorted[k + 1]];
        const w = a.weight + b.weight;
        const cost = w > 0 ? ((a.weight * b.weight) / w) * (a.coef - b.coef) ** 2 : 0;
        if (cost < best) {
          best = cost;
          bi = sorted[k];
          bj = sorted[k + 1];
        }
      }
    }
    if (bi < 0) break;
    if (bj < 0) {
      total -= rules(live[bi]);
      live.splice(bi, 1);
      continue;
    }
    const a = live[bi];
    const b = live[bj];
    const join = (x: Cluster, y: Cluster): Cluster => ({
      column: x.column,
      atoms: [...x.atoms, ...y.atoms].sort((p, q) => p - q),
    });
    const merged: Live = {
      cl: a.cl && b.cl ? join(a.cl, b.cl) : null,
      flag: a.flag && b.flag ? join(a.flag, b.flag) : null,
      activity: -1,
      coef: a.weight + b.weight > 0 ? (a.coef * a.weight + b.coef * b.weight) / (a.weight + b.weight) : 0,
      weight: a.weight + b.weight,
    };
    total += rules(merged) - rules(a) - rules(b);
    live[bi] = merged;
    live.splice(bj, 1);
  }
  const next: Structure = {
    columns: s.columns,
    clusters: live.filter((l) => l.cl).map((l) => l.cl!),
    flagColumns: s.flagColumns,
    flagClusters: live.filter((l) => l.flag).map((l) => l.flag!),
    activities: live.filter((l) => l.activity >= 0).map((l) => s.activities[l.activity]),
    interactions: s.interactions,
  };
  return next;
}

/**
 * For each feature of `prev`, the feature of `next` (a mergeToBudget of it) that holds it, -1 if dropped;
 * null if some feature of `next` comes from none of `prev` (then only a fresh design describes it).
 */
export function mergedFeatures(prev: Structure, next: Structure): Int32Array | null {
  const map = new Int32Array(featureCount(prev)).fill(-1);
  const covered = new Uint8Array(featureCount(next));
  const trace = (from: Cluster[], to: Cluster[], fromOffset: number, toOffset: number): void => {
    const of = new Map<string, number>();
    to.forEach((cl, k) => {
      for (const a of cl.atoms) of.set(`${cl.column}:${a}`, toOffset + k);
    });
    from.forEach((cl, k) => {
      // A cluster is never split: its first atom says where all of it went.
      const f = of.get(`${cl.column}:${cl.atoms[0]}`) ?? -1;
      map[fromOffset + k] = f;
      if (f >= 0) covered[f] = 1;
    });
  };
  trace(prev.clusters, next.clusters, 0, 0);
  trace(prev.flagClusters, next.flagClusters, prev.clusters.length, next.clusters.length);
  const activities = (s: Structure) => s.clusters.length + s.flagClusters.length;
  prev.activities.forEach((af, k) => {
    const f = next.activities.indexOf(af);
    map[activities(prev) + k] = f < 0 ? -1 : activities(next) + f;
    if (f >= 0) covered[activities(next) + f] = 1;
  });
  // Interactions are kept whole: the same objects, after the activity features.
  const pairs = (s: Structure) => activities(s) + s.activities.length;
  prev.interactions.forEach((it, k) => {
    const f = next.interactions.indexOf(it);
    map[pairs(prev) + k] = f < 0 ? -1 : pairs(next) + f;
    if (f >= 0) covered[pairs(next) + f] = 1;
  });
  return covered.every((c) => c === 1) ? map : null;
}

/**
 * Where the refit after a merge starts: each feature at the weight-averaged coefficient of the features
 * merged into it (as the merge itself judged them). The fit's optimum is unique: this only saves steps.
 */
export function mergedStart(
  map: Int32Array,
  model: LogisticModel,
  weight: ArrayLike<number>,
  p: number,
): LogisticModel {
  const sw = new Float64Array(p);
  const sb = new Float64Array(p);
  map.forEach((f, j) => {
    if (f < 0) return;
    sw[f] += weight[j];
    sb[f] += weight[j] * model.beta[j];
  });
  return { intercept: model.intercept, beta: sb.map((b, f) => (sw[f] > 0 ? b / sw[f] : 0)) };
}
