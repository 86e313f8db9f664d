// One pass of the fitting pipeline on the training leads: candidate columns (leaky and unlinked ones left
// out), activity weighting and L2 penalty by cross-validation, the logistic fit, clusters merged to the
// rule budget (interaction pairs found first, see interactions.ts), and integer points on the workbook's
// score scale.

import { normalizeHeader } from "../headers";
import type { Settings, WorkbookInput } from "../types";
import { type ActivitySignal, capsFor, signalSupport } from "./activity";
import { type ActivityFeature, type ActivityTiming, activityFeature } from "./activity-feature";
import { auc } from "./auc";
import { buildColumns, type ColumnSpec, type SkippedColumn } from "./features";
import type { FitMatrixOptions } from "./fit-options";
import { searchInteractions, withInteractions } from "./interactions";
import { type LeakageFlag, leakageFlags } from "./leakage";
import { type Design, fitLogistic, type LogisticModel, linearPredictor } from "./logistic";
import { countRules, featureWeights, mergedFeatures, mergedStart, mergeToBudget } from "./merge";
import { toPoints } from "./points";
import { rng, stratifiedFolds } from "./rng";
import { columnPValue } from "./screen";
import { atomStructure, buildDesign, featureCount, remapDesign, type Structure } from "./structure";

const LAMBDAS = [1000, 300, 100, 30, 10, 3, 1, 0.3, 0.1];
// Where the penalty lands on the demo at every size and weighting (10 is chosen throughout): enough to
// rank weightings, half the fits of a wider path.
const COARSE_LAMBDAS = [10, 3];

/** The coefficient-wise mean of models on one design. */
function meanModel(models: LogisticModel[]): LogisticModel {
  const beta = new Float64Array(models[0].beta.length);
  let intercept = 0;
  for (const m of models) {
    intercept += m.intercept / models.length;
    for (let j = 0; j < beta.length; j++) beta[j] += m.beta[j] / models.length;
  }
  return { intercept, beta };
}

/**
 * Pick the L2 penalty by k-fold CV AUC (out-of-fold predictions pooled), warm-starting along the path and
 * each fold's path at the previous fold's first fit (the first fold's at `start`, if given). `model`: the
 * folds' mean fit at the chosen penalty, a close start for the fit on all the rows.
 */
export function chooseLambda(
  X: Design,
  y: Uint8Array,
  rows: number[],
  seed: number,
  folds = 4,
  lambdas: readonly number[] = LAMBDAS,
  start?: LogisticModel,
): { lambda: number; auc: number | null; model: LogisticModel } {
  const random = rng(seed ^ 0x5bd1e995);
  const labels = rows.map((i) => y[i]);
  const fold = stratifiedFolds(labels, folds, random);
  const oof = lambdas.map(() => new Float64Array(rows.length));
  const models: LogisticModel[][] = lambdas.map(() => []);
  let first = start;
  for (let k = 0; k < folds; k++) {
    const train = rows.filter((_, t) => fold[t] !== k);
    const test = rows.map((_, t) => t).filter((t) => fold[t] === k);
    let init = first;
    lambdas.forEach((lambda, li) => {
      const m = fitLogistic(X, y, train, lambda, { init, tol: 1e-7 });
      init = m;
      if (li === 0) first = m;
      models[li].push(m);
      for (const t of test) oof[li][t] = linearPredictor(X, m, rows[t]);
    });
  }
  const aucs = oof.map((s) => auc(s, labels) ?? 0.5);
  const best = Math.max(...aucs);
  // The strongest penalty within a hair of the best: simpler points, same ranking.
  const li = aucs.findIndex((a) => a >= best - 1e-4);
  return { lambda: lambdas[li], auc: best, model: meanModel(models[li]) };
}

/**
 * Activity weightings tried by cross-validation: counts (no decay), decay at a few half-lives, and
 * counts within a window. One for all signals: a workbook has one sales rhythm.
 */
export const TIMINGS: readonly ActivityTiming[] = [
  { halfLife: 0, withinDays: Number.POSITIVE_INFINITY },
  { halfLife: 7, withinDays: Number.POSITIVE_INFINITY },
  { halfLife: 14, withinDays: Number.POSITIVE_INFINITY },
  { halfLife: 30, withinDays: Number.POSITIVE_INFINITY },
  { halfLife: 0, withinDays: 30 },
  { halfLife: 0, withinDays: 90 },
];

/** Activity features of the signals done by enough training leads: caps 1, ~p75 and ~p95 of the counts. */
function activityFeatures(
  signals: ActivitySignal[],
  trainRows: number[],
  timing: ActivityTiming,
  minSupport: number,
): ActivityFeature[] {
  const out: ActivityFeature[] = [];
  for (const s of signals) {
    if (signalSupport(s, trainRows, timing.withinDays) < minSupport) continue;
    for (const cap of capsFor(s, trainRows, timing.withinDays)) out.push(activityFeature(s, cap, timing));
  }
  return out;
}

/** Rows for cross-validation: all of a small workbook, an even sample of a large one (time bound). */
function sample(rows: number[], most: number): number[] {
  return rows.length > most ? rows.filter((_, i) => i % Math.ceil(rows.length / most) === 0) : rows;
}

export interface Trained {
  timing: ActivityTiming;
  structure: Structure;
  X: Design;
  fullX: Design;
  fullModel: LogisticModel;
  model: LogisticModel;
  points: ReturnType<typeof toPoints>;
  skipped: SkippedColumn[];
  leakage: LeakageFlag[];
  lambda: number;
  cvAuc: number | null;
}

/** The fitted data the passes share: outcomes per data row, activity signals, columns never used. */
export interface TrainingData {
  input: WorkbookInput;
  y: Uint8Array;
  never: Set<string>;
  signals: ActivitySignal[];
  settings: Settings;
  options: FitMatrixOptions;
}

/** Candidate columns with the likely-leaky ones (unless allowed) moved to `skipped`. */
function withoutLeakage(
  columns: ColumnSpec[],
  data: TrainingData,
  trainRows: number[],
  skipped: SkippedColumn[],
): { columns: ColumnSpec[]; leakage: LeakageFlag[] } {
  const allowed = new Set((data.options.allowLeakage ?? []).map(normalizeHeader));
  const leakage = leakageFlags(columns, data.y, trainRows);
  const leaky = new Set(
    leakage
      .filter((l) => l.excludes)
      .map((l) => normalizeHeader(l.column))
      .filter((k) => !allowed.has(k)),
  );
  if (leaky.size === 0) return { columns, leakage };
  for (const c of columns)
    if (leaky.has(normalizeHeader(c.name))) skipped.push({ column: c.name, reason: "likely leakage" });
  return { columns: columns.filter((c) => !leaky.has(normalizeHeader(c.name))), leakage };
}

/** Columns with a link to the outcome (G-test); the others would only add noise points. */
function linkedColumns(
  columns: ColumnSpec[],
  y: Uint8Array,
  trainRows: number[],
  alpha: number,
  skipped: SkippedColumn[],
): ColumnSpec[] {
  return columns.filter((c) => {
    const pValue = columnPValue(c, y, trainRows);
    if (pValue < alpha) return true;
    skipped.push({
      column: c.name,
      reason: `no link with the outcome on the training leads (p = ${pValue.toFixed(2)})`,
    });
    return false;
  });
}

type StructureFor = (timing: ActivityTiming) => Structure;

/**
 * Penalty and activity weighting by CV AUC. Large workbooks: the penalty barely matters, so
 * cross-validate on a sample to bound the time (a smaller one for the weighting search).
 */
function crossValidate(
  structureFor: StructureFor,
  data: TrainingData,
  trainRows: number[],
): {
  timing: ActivityTiming;
  chosen: { s: Structure; X: Design };
  lambda: number;
  cvAuc: number | null;
  start: LogisticModel;
} {
  const seed = data.options.seed ?? 1;
  const step = data.options.onStep ?? (() => {});
  const designOf = (s: Structure) => ({ s, X: buildDesign(s, data.input.leads.length - 1) });
  let timing = TIMINGS[0];
  let chosen: { s: Structure; X: Design } | null = null;
  if (data.signals.length) {
    // The weighting on a coarse penalty path (the ranking of weightings hardly depends on it).
    const rowsT = sample(trainRows, 15000);
    let best = Number.NEGATIVE_INFINITY;
    let last: { s: Structure; model: LogisticModel } | null = null;
    const tried: Structure[] = [];
    for (const [i, t] of TIMINGS.entries()) {
      step(`Cross-validating activity weighting ${i + 1} of ${TIMINGS.length}…`);
      const s = structureFor(t);
      // A window longer than every activity's age changes no number: its CV would repeat an earlier one's.
      if (tried.some((u) => sameActivities(u, s))) continue;
      tried.push(s);
      const d = designOf(s);
      const start = last ? carryTiming(last.model, last.s, d.s) : undefined;
      const cv = chooseLambda(d.X, data.y, rowsT, seed, 4, COARSE_LAMBDAS, start);
      last = { s: d.s, model: cv.model };
      // Simpler weighting (earlier in the list) unless a later one ranks clearly better.
      if ((cv.auc ?? 0) > best + 5e-4) {
        best = cv.auc ?? 0;
        timing = t;
        chosen = d;
      }
    }
  }
  chosen ??= designOf(structureFor(timing));
  step("Cross-validating the penalty…");
  const cv = chooseLambda(chosen.X, data.y, sample(trainRows, 30000), seed);
  return { timing, chosen, lambda: cv.lambda, cvAuc: cv.auc, start: cv.model };
}

/** Two weightings' designs are the same when their activity features hold the same numbers. */
function sameActivities(a: Structure, b: Structure): boolean {
  return (
    a.activities.length === b.activities.length &&
    a.activities.every((af, k) => {
      const bf = b.activities[k];
      return af.signal === bf.signal && af.cap === bf.cap && af.values.every((v, r) => v === bf.values[r]);
    })
  );
}

/**
 * A fit on one weighting's design carried to another's, as a start: the lead features are the same in
 * both, activity features match by signal and cap (a new one starts at 0).
 */
function carryTiming(m: LogisticModel, from: Structure, to: Structure): LogisticModel {
  const lead = to.clusters.length + to.flagClusters.length;
  const beta = new Float64Array(featureCount(to));
  beta.set(m.beta.subarray(0, lead));
  to.activities.forEach((af, k) => {
    const j = from.activities.findIndex((b) => b.signal === af.signal && b.cap === af.cap);
    if (j >= 0) beta[lead + k] = m.beta[lead + j];
  });
  return { intercept: m.intercept, beta };
}

/** Merge in stages, refitting between them, so later merges see re-estimated coefficients. */
function mergeToRules(
  start: Structure,
  fullX: Design,
  fullModel: LogisticModel,
  data: TrainingData,
  trainRows: number[],
  lambda: number,
): { structure: Structure; X: Design; model: LogisticModel } {
  const rows = data.input.leads.length - 1;
  const budget = Math.max(2, (data.options.maxRules ?? 40) - 1); // one rule goes to the baseline
  let structure = start;
  let X = fullX;
  let model = fullModel;
  for (let stage = 0; stage < 6 && countRules(structure) > budget; stage++) {
    const target = Math.max(budget, Math.floor(countRules(structure) * 0.6));
    const weights = featureWeights(X, trainRows);
    const merged = mergeToBudget(structure, model.beta, weights, target);
    const map = mergedFeatures(structure, merged);
    const p = featureCount(merged);
    X = map ? remapDesign(X, map, p) : buildDesign(merged, rows);
    model = fitLogistic(
      X,
      data.y,
      trainRows,
      lambda,
      map ? { init: mergedStart(map, model, weights, p) } : {},
    );
    structure = merged;
  }
  return { structure, X, model };
}

/**
 * One pass of the pipeline on `trainRows` (data-row indexes): features, CV (unless `fixed` gives the
 * penalty and weighting, as for the refit on every labelled lead), fit, merge, points.
 */
export function train(
  data: TrainingData,
  trainRows: number[],
  fixed: { lambda: number; timing: ActivityTiming } | null,
): Trained {
  const { input, y, options } = data;
  const rows = input.leads.length - 1;
  const minSupport = options.minSupport ?? 30;
  const built = buildColumns(input.leads, trainRows, { never: data.never, minSupport, lists: input.lists });
  const { skipped, flags } = built;
  const kept = withoutLeakage(built.columns, data, trainRows, skipped);
  const columns = linkedColumns(kept.columns, y, trainRows, options.screenAlpha ?? 0.05, skipped);
  const structureFor: StructureFor = (timing) =>
    atomStructure(columns, activityFeatures(data.signals, trainRows, timing, minSupport), flags);
  const fixedDesign = (s: Structure) => ({ s, X: buildDesign(s, rows) });
  const cv = fixed
    ? { ...fixed, chosen: fixedDesign(structureFor(fixed.timing)), cvAuc: null, start: undefined }
    : crossValidate(structureFor, data, trainRows);
  options.onStep?.(
    `Fitting on ${trainRows.length.toLocaleString("en-US")} leads, then merging to the rule budget…`,
  );
  const mainModel = fitLogistic(cv.chosen.X, y, trainRows, cv.lambda, { init: cv.start });
  const pairs = searchInteractions(cv.chosen.s, cv.chosen.X, mainModel, y, sample(trainRows, 30000), {
    // Each pair costs up to two rules: a few, so the main effects keep most of the budget.
    most: options.interactions === false ? 0 : Math.min(4, Math.floor((options.maxRules ?? 40) / 8)),
    minSupport,
    lambda: cv.lambda,
    seed: options.seed ?? 1,
  });
  const {
    s: start,
    X: fullX,
    model: fullModel,
  } = pairs.length
    ? withInteractions(cv.chosen.s, pairs, rows, y, trainRows, cv.lambda, mainModel)
    : { ...cv.chosen, model: mainModel };
  const { structure, X, model } = mergeToRules(start, fullX, fullModel, data, trainRows, cv.lambda);
  const { scoreFloor, scoreCeiling } = data.settings;
  const points = toPoints(X, model, y, trainRows, scoreFloor, scoreCeiling);
  return {
    timing: cv.timing,
    structure,
    X,
    fullX,
    fullModel,
    model,
    points,
    skipped,
    leakage: kept.leakage,
    lambda: cv.lambda,
    cvAuc: cv.cvAuc,
  };
}
