// Fitting point values from outcomes: candidate features from Leads columns and activity counts, an
// L2-regularised logistic regression (penalty chosen by cross-validation on the training split), clusters
// merged until the matrix is readable, integer points on the workbook's scale, and an honest check of the
// integer matrix *as the engine scores it* on held-out leads.
import type { Grid, WorkbookInput } from "../types";
import { type ActivitySignal, activitySignals, capsFor, signalSupport } from "./activity";
import { type ActivityFeature, type ActivityTiming, activityFeature } from "./activity-feature";
import { auc } from "./auc";
import { type BacktestInfo, type BacktestOption, cutoffs, defaultBacktest } from "./backtest";
import { columnIndex, headerKey, settingValue } from "./columns";
import { scoreWorkbook } from "./engine";
import { buildColumns, type SkippedColumn } from "./features";
import { type LeakageFlag, leakageFlags } from "./leakage";
import { type Design, fitLogistic, type LogisticModel, linearPredictor } from "./logistic";
import { matrixGrid, matrixRules } from "./matrix";
import { countRules, featureWeights, mergeToBudget } from "./merge";
import { readOutcomes } from "./outcomes";
import { toPoints } from "./points";
import { rng, stratifiedFolds } from "./rng";
import { columnPValue } from "./screen";
import { atomStructure, buildDesign, type Structure } from "./structure";
import { cellNumber, cellText } from "./values";

export interface FitMatrixOptions {
  outcomeColumn?: string;
  convertedAtColumn?: string;
  /** Columns never used as features (on top of the key, outcome and conversion date). */
  exclude?: string[];
  /** Columns flagged as likely leakage that may be used anyway. */
  allowLeakage?: string[];
  /** Most rules in the matrix, baseline included (default 40). */
  maxRules?: number;
  seed?: number;
  /** Share of labelled leads held out for the report (default 0.25; 0 = none). */
  holdout?: number;
  /** Refit on every labelled lead once the held-out figures are taken (default true). */
  refitOnAll?: boolean;
  /** Minimum training leads for a value or bin of its own (default 30). */
  minSupport?: number;
  backtest?: BacktestOption;
  /** Leave out columns whose values show no link with the outcome at this p-value (default 0.05; 1 = keep all). */
  screenAlpha?: number;
  timeZone: string;
  asOf: Date;
}

export interface FitRuleInfo {
  label: string;
  points: number;
  /** Training leads it fires for. */
  leads: number;
  rate: number | null;
  flags: string[];
}

export interface FitReport {
  outcome_column: string;
  lead_key: string;
  leads_labelled: number;
  conversions: number;
  base_rate: number | null;
  train_size: number;
  holdout_size: number;
  seed: number;
  /** L2 penalty chosen by cross-validation, and the CV AUC at it. */
  lambda: number;
  cv_auc: number | null;
  /** Held-out AUC of the unrounded model (before merging clusters): the reference. */
  auc_model: number | null;
  /** Held-out AUC of the merged model before rounding. */
  auc_merged: number | null;
  /** Held-out AUC of the integer matrix as the engine scores it (rounding and clamps included). */
  auc_integer: number | null;
  /** auc_model - auc_integer. */
  rounding_loss: number | null;
  /** Held-out AUC of the workbook's current matrix, when it has one. */
  auc_current: number | null;
  rules: number;
  baseline_points: number;
  points_per_logit: number;
  /** Share of training leads at the floor or ceiling. */
  clamped_share: number;
  features: { column: string; kind: string; atoms: number }[];
  activity_events: string[];
  /** Activity weighting chosen by cross-validation (Half-life Days 0 = none; Within Days null = all). */
  activity_timing: { half_life_days: number; within_days: number | null };
  excluded_columns: SkippedColumn[];
  leakage: LeakageFlag[];
  rule_stats: FitRuleInfo[];
  backtest: BacktestInfo;
  refit_on_all: boolean;
  flags: string[];
  engine_problems: number;
}

export interface FitResult {
  matrix: Grid;
  report: FitReport;
}

const LAMBDAS = [1000, 300, 100, 30, 10, 3, 1, 0.3, 0.1];
const COARSE_LAMBDAS = [30, 10, 3, 1];

/** Pick the L2 penalty by k-fold CV AUC (out-of-fold predictions pooled), warm-starting along the path. */
export function chooseLambda(
  X: Design,
  y: Uint8Array,
  rows: number[],
  seed: number,
  folds = 4,
  lambdas: readonly number[] = LAMBDAS,
): { lambda: number; auc: number | null } {
  const random = rng(seed ^ 0x5bd1e995);
  const labels = rows.map((i) => y[i]);
  const fold = stratifiedFolds(labels, folds, random);
  const oof = lambdas.map(() => new Float64Array(rows.length));
  for (let k = 0; k < folds; k++) {
    const train = rows.filter((_, t) => fold[t] !== k);
    const test = rows.map((_, t) => t).filter((t) => fold[t] === k);
    let init: LogisticModel | undefined;
    lambdas.forEach((lambda, li) => {
      init = fitLogistic(X, y, train, lambda, { init, tol: 1e-7 });
      for (const t of test) oof[li][t] = linearPredictor(X, init, rows[t]);
    });
  }
  const aucs = oof.map((s) => auc(s, labels) ?? 0.5);
  const best = Math.max(...aucs);
  // The strongest penalty within a hair of the best: simpler points, same ranking.
  const li = aucs.findIndex((a) => a >= best - 1e-4);
  return { lambda: lambdas[li], auc: best };
}

interface Settings {
  leadKey: string;
  floor: number | null;
  ceiling: number | null;
}

function readSettings(input: WorkbookInput): Settings {
  const key = cellText(settingValue(input.settings, "Lead key")) || "Email";
  const bound = (name: string, dflt: number): number | null => {
    const v = settingValue(input.settings, name);
    if (v === undefined || cellText(v) === "") return dflt;
    if (headerKey(v) === "none") return null;
    return cellNumber(v) ?? dflt;
  };
  return { leadKey: key, floor: bound("Score floor", 0), ceiling: bound("Score ceiling", 100) };
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

interface Trained {
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

/** One pass of the pipeline on `train` (data-row indexes): features, CV, fit, merge, points. */
function train(
  input: WorkbookInput,
  y: Uint8Array,
  trainRows: number[],
  never: Set<string>,
  signals: ActivitySignal[],
  settings: Settings,
  options: FitMatrixOptions,
  fixed: { lambda: number; timing: ActivityTiming } | null,
): Trained {
  const rows = input.leads.length - 1;
  const minSupport = options.minSupport ?? 30;
  const built = buildColumns(input.leads, trainRows, { never, minSupport, lists: input.lists });
  let { columns } = built;
  const { flags, skipped } = built;
  const allowed = new Set((options.allowLeakage ?? []).map(headerKey));
  const leakage = leakageFlags(columns, y, trainRows);
  const leaky = new Set(
    leakage
      .filter((l) => l.excludes)
      .map((l) => headerKey(l.column))
      .filter((k) => !allowed.has(k)),
  );
  if (leaky.size) {
    for (const c of columns)
      if (leaky.has(headerKey(c.name))) skipped.push({ column: c.name, reason: "likely leakage" });
    columns = columns.filter((c) => !leaky.has(headerKey(c.name)));
  }
  // Columns with no link to the outcome (G-test) would only add noise points.
  const alpha = options.screenAlpha ?? 0.05;
  columns = columns.filter((c) => {
    const pValue = columnPValue(c, y, trainRows);
    if (pValue < alpha) return true;
    skipped.push({
      column: c.name,
      reason: `no link with the outcome on the training leads (p = ${pValue.toFixed(2)})`,
    });
    return false;
  });
  const design = (timing: ActivityTiming) => {
    const s = atomStructure(columns, activityFeatures(signals, trainRows, timing, minSupport), flags);
    return { s, X: buildDesign(s, rows) };
  };
  let timing = fixed?.timing ?? TIMINGS[0];
  let lambda = fixed?.lambda ?? 0;
  let cvAuc: number | null = null;
  let chosen: { s: Structure; X: Design } | null = null;
  if (!fixed) {
    // Penalty and activity weighting by CV AUC. Large workbooks: the penalty barely matters, so
    // cross-validate on a sample to bound the time (a smaller one for the weighting search).
    const seed = options.seed ?? 1;
    if (signals.length) {
      // The weighting on a coarse penalty path (the ranking of weightings hardly depends on it).
      const rowsT = sample(trainRows, 15000);
      let best = Number.NEGATIVE_INFINITY;
      for (const t of TIMINGS) {
        const d = design(t);
        const cv = chooseLambda(d.X, y, rowsT, seed, 4, COARSE_LAMBDAS);
        // Simpler weighting (earlier in the list) unless a later one ranks clearly better.
        if ((cv.auc ?? 0) > best + 5e-4) {
          best = cv.auc ?? 0;
          timing = t;
          chosen = d;
        }
      }
    }
    chosen ??= design(timing);
    const cv = chooseLambda(chosen.X, y, sample(trainRows, 30000), seed);
    lambda = cv.lambda;
    cvAuc = cv.auc;
  }
  const { s: start, X: fullX } = chosen ?? design(timing);
  let structure = start;
  const fullModel = fitLogistic(fullX, y, trainRows, lambda);
  let X = fullX;
  let model = fullModel;
  const budget = Math.max(2, (options.maxRules ?? 40) - 1); // one rule goes to the baseline
  // Merge in stages, refitting between them, so later merges see re-estimated coefficients.
  for (let stage = 0; stage < 6 && countRules(structure) > budget; stage++) {
    const target = Math.max(budget, Math.floor(countRules(structure) * 0.6));
    structure = mergeToBudget(structure, model.beta, featureWeights(X, trainRows), target);
    X = buildDesign(structure, rows);
    model = fitLogistic(X, y, trainRows, lambda);
  }
  const points = toPoints(X, model, y, trainRows, settings.floor, settings.ceiling);
  return { timing, structure, X, fullX, fullModel, model, points, skipped, leakage, lambda, cvAuc };
}

export function fitMatrix(input: WorkbookInput, options: FitMatrixOptions): FitResult {
  const settings = readSettings(input);
  const headers = input.leads[0] ?? [];
  const convertedAt = options.convertedAtColumn ?? "Converted At";
  const outcomes = readOutcomes(input, options.outcomeColumn);
  const seed = options.seed ?? 1;
  const flags: string[] = [];
  if (columnIndex(headers, settings.leadKey) < 0) {
    throw new Error(`Leads has no "${settings.leadKey}" column, the lead key named in Settings.`);
  }
  const rows = input.leads.length - 1;
  const y = new Uint8Array(rows);
  const labelled: number[] = [];
  outcomes.labels.forEach((l, r) => {
    if (l === null) return;
    labelled.push(r);
    y[r] = l ? 1 : 0;
  });
  const P = labelled.reduce((s, r) => s + y[r], 0);
  if (P === 0 || P === labelled.length)
    throw new Error("Fitting needs both converted and non-converted leads.");
  if (P < 30) flags.push(`Only ${P} conversions: the fitted points are rough (aim for 30 or more).`);

  const bt = options.backtest ?? defaultBacktest(input, convertedAt);
  const cuts = cutoffs(input, outcomes.labels, bt, options.asOf, options.timeZone, convertedAt);
  const asOfMs = options.asOf.getTime();
  const signals = activitySignals(
    input.leads,
    input.activities,
    settings.leadKey,
    (r) => cuts.asOfForLead(r + 2)?.getTime() ?? asOfMs,
    options.timeZone,
  );

  const never = new Set(
    [settings.leadKey, outcomes.column, convertedAt, ...(options.exclude ?? [])].map((c) => headerKey(c)),
  );
  // Split: stratified holdout.
  const random = rng(seed);
  const holdoutShare = Math.min(0.9, Math.max(0, options.holdout ?? 0.25));
  const fold = stratifiedFolds(
    labelled.map((r) => y[r]),
    holdoutShare > 0 ? Math.max(2, Math.round(1 / holdoutShare)) : 1,
    random,
  );
  const trainRows = holdoutShare > 0 ? labelled.filter((_, t) => fold[t] !== 0) : labelled;
  const testRows = holdoutShare > 0 ? labelled.filter((_, t) => fold[t] === 0) : [];

  const first = train(input, y, trainRows, never, signals, settings, options, null);
  let aucModel: number | null = null;
  let aucMerged: number | null = null;
  let aucInteger: number | null = null;
  let aucCurrent: number | null = null;
  let engineProblems = 0;
  const testRowsSheet = new Set(testRows.map((r) => r + 2));
  if (testRows.length > 0) {
    const yt = testRows.map((r) => y[r]);
    aucModel = auc(
      testRows.map((r) => linearPredictor(first.fullX, first.fullModel, r)),
      yt,
    );
    aucMerged = auc(
      testRows.map((r) => linearPredictor(first.X, first.model, r)),
      yt,
    );
    const grid = matrixGrid(
      matrixRules(
        first.structure,
        first.points.points,
        first.points.baseline,
        cellText(headers[columnIndex(headers, settings.leadKey)]),
      ),
    );
    const scored = engineAuc({ ...input, matrix: grid }, testRowsSheet, y, options, cuts.asOfForLead);
    aucInteger = scored.auc;
    engineProblems = scored.problems;
    if (input.matrix && input.matrix.length > 1) {
      aucCurrent = engineAuc(input, testRowsSheet, y, options, cuts.asOfForLead).auc;
    }
  } else flags.push("No holdout: the AUC figures are not measured on unseen leads.");

  const refit = (options.refitOnAll ?? true) && testRows.length > 0;
  const final = refit
    ? train(input, y, labelled, never, signals, settings, options, {
        lambda: first.lambda,
        timing: first.timing,
      })
    : first;
  const keyName = cellText(headers[columnIndex(headers, settings.leadKey)]);
  const rules = matrixRules(final.structure, final.points.points, final.points.baseline, keyName);
  const matrix = matrixGrid(rules);

  const fitRows = refit ? labelled : trainRows;
  const ruleStats: FitRuleInfo[] = rules.map((r) => {
    if (r.feature < 0)
      return {
        label: r.label,
        points: r.points,
        leads: fitRows.length,
        rate: P / labelled.length,
        flags: [],
      };
    let n = 0;
    let pos = 0;
    for (const i of fitRows) {
      for (let k = final.X.ptr[i]; k < final.X.ptr[i + 1]; k++) {
        if (final.X.idx[k] === r.feature) {
          n++;
          pos += y[i];
        }
      }
    }
    return {
      label: r.label,
      points: r.points,
      leads: n,
      rate: n ? pos / n : null,
      flags: n < 30 ? ["small-n"] : [],
    };
  });
  const small = ruleStats.filter((r) => r.flags.includes("small-n"));
  if (small.length)
    flags.push(
      `${small.length} rule(s) rest on fewer than 30 leads: ${small.map((r) => r.label).join("; ")}.`,
    );
  const leakCols = (excludes: boolean) => [
    ...new Set(final.leakage.filter((l) => l.excludes === excludes).map((l) => l.column)),
  ];
  if (leakCols(true).length) {
    flags.push(
      `Likely leakage (values converting at >= 95%, or <= 2% for a quarter of the leads, over 50+ leads) in: ` +
        `${leakCols(true).join(", ")}. Left out unless allowed (--allow-leakage).`,
    );
  }
  if (leakCols(false).length) {
    flags.push(
      `Values converting at <= 2% over 50+ leads in: ${leakCols(false).join(", ")}. Kept; check they are known ` +
        "before the outcome (else --exclude them).",
    );
  }
  if (aucModel !== null && aucInteger !== null && aucInteger < 0.99 * aucModel) {
    flags.push(
      `The integer matrix loses more than 1% of the model's AUC (${aucInteger.toFixed(3)} vs ${aucModel.toFixed(3)}).`,
    );
  }
  if (engineProblems > 0)
    flags.push(`The engine reported ${engineProblems} problem(s) scoring the fitted matrix.`);
  return {
    matrix,
    report: {
      outcome_column: outcomes.column,
      lead_key: keyName,
      leads_labelled: labelled.length,
      conversions: P,
      base_rate: labelled.length ? P / labelled.length : null,
      train_size: trainRows.length,
      holdout_size: testRows.length,
      seed,
      lambda: first.lambda,
      cv_auc: first.cvAuc,
      auc_model: aucModel,
      auc_merged: aucMerged,
      auc_integer: aucInteger,
      rounding_loss: aucModel !== null && aucInteger !== null ? aucModel - aucInteger : null,
      auc_current: aucCurrent,
      rules: rules.length,
      baseline_points: final.points.baseline,
      points_per_logit: final.points.scale,
      clamped_share: final.points.clamped,
      features: [
        ...final.structure.columns.map((c) => ({ column: c.name, kind: c.kind, atoms: c.atoms.length })),
        ...final.structure.flagColumns.map((c) => ({
          column: c.name,
          kind: c.mergeable ? "keywords" : "flags",
          atoms: c.items.length,
        })),
      ],
      activity_events: [...new Set(final.structure.activities.map((a) => a.event))],
      activity_timing: {
        half_life_days: final.timing.halfLife,
        within_days: Number.isFinite(final.timing.withinDays) ? final.timing.withinDays : null,
      },
      excluded_columns: final.skipped,
      leakage: final.leakage,
      rule_stats: ruleStats,
      backtest: cuts.info,
      refit_on_all: refit,
      flags,
      engine_problems: engineProblems,
    },
  };
}

/** AUC of the engine's scores on some sheet rows, at each lead's cut-off. */
function engineAuc(
  input: WorkbookInput,
  rows: Set<number>,
  y: Uint8Array,
  options: FitMatrixOptions,
  asOfForLead: (row: number) => Date | undefined,
): { auc: number | null; problems: number } {
  const run = scoreWorkbook(input, {
    asOf: options.asOf,
    timeZone: options.timeZone,
    onlyRows: rows,
    asOfForLead,
  });
  const leads = run.leads.filter((l) => rows.has(l.sheetRow));
  return {
    auc: auc(
      leads.map((l) => l.score),
      leads.map((l) => y[l.sheetRow - 2]),
    ),
    // Only problems the matrix causes: the workbook's own data problems are not the fit's doing.
    problems: run.problems.filter((p) => p.tab === "Scoring Matrix" || p.message.startsWith("Rule ")).length,
  };
}
