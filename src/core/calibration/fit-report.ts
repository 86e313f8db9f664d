// The fit's report: per-rule support on the leads the points were fitted on, the flags a reviewer should
// read, and the snake_case report object (JSON for the CLI, the Suggested Matrix summary in the sheet).
// Flags state what was found; each front end adds how to act on it (see report.leakage).
import { modelName } from "../model-names";
import type { ActivityTiming } from "./activity-feature";
import type { BacktestInfo } from "./backtest";
import type { SkippedColumn } from "./features";
import type { HeldOut, Split } from "./holdout";
import type { LeakageFlag } from "./leakage";
import type { MatrixRule } from "./matrix";
import type { Outcomes } from "./outcomes";
import type { Trained } from "./training";

export interface FitRuleInfo {
  label: string;
  points: number;
  /** Training leads it fires for. */
  leads: number;
  rate: number | null;
  flags: string[];
}

export interface FitReport {
  /** The named model fitted, as the matrix spells it; absent for the default model. */
  model?: string;
  /** Rows of the current matrix's other models, kept unchanged (with their Model cells) after the fitted rules. */
  kept_rules: number;
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
  /** Labels of the interaction rules (a rule with Only If: both conditions must hold). */
  interactions: string[];
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

/** Each fitted rule's training leads and conversion rate (the baseline: every lead at `baseRate`). */
export function fittedRuleStats(
  rules: MatrixRule[],
  final: Trained,
  fitRows: number[],
  y: Uint8Array,
  baseRate: number,
): FitRuleInfo[] {
  return rules.map((r) => {
    if (r.condition) {
      const { column, atom } = r.condition;
      const atomOf = final.structure.columns[column].atomOf;
      const on = fitRows.filter((i) => atomOf[i] === atom);
      const pos = on.reduce((n, i) => n + y[i], 0);
      return {
        label: r.label,
        points: 0,
        leads: on.length,
        rate: on.length ? pos / on.length : null,
        flags: [],
      };
    }
    if (r.feature < 0)
      return {
        label: r.label,
        points: r.points,
        leads: fitRows.length,
        rate: baseRate,
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
}

/** Columns of the leakage flags that were left out (true) or kept (false). */
export function leakageColumns(leakage: readonly LeakageFlag[], excluded: boolean): string[] {
  return [...new Set(leakage.filter((l) => l.excludes === excluded).map((l) => l.column))];
}

/** What a reviewer should know about the fitted points, after the early `flags` (few conversions, no holdout). */
export function reviewFlags(ruleStats: FitRuleInfo[], final: Trained, heldOut: HeldOut): string[] {
  const flags: string[] = [];
  const small = ruleStats.filter((r) => r.flags.includes("small-n"));
  if (small.length)
    flags.push(
      `${small.length} rule(s) rest on fewer than 30 leads: ${small.map((r) => r.label).join("; ")}.`,
    );
  const leftOut = leakageColumns(final.leakage, true);
  if (leftOut.length) {
    flags.push(
      `Likely leakage (values converting at >= 95%, or <= 2% for a quarter of the leads, over 50+ leads) in: ` +
        `${leftOut.join(", ")}. Left out.`,
    );
  }
  const kept = leakageColumns(final.leakage, false);
  if (kept.length) {
    flags.push(
      `Values converting at <= 2% over 50+ leads in: ${kept.join(", ")}. Kept; check they are known before the outcome.`,
    );
  }
  const { aucModel, aucInteger, engineProblems } = heldOut;
  if (aucModel !== null && aucInteger !== null && aucInteger < 0.99 * aucModel) {
    flags.push(
      `The integer matrix loses more than 1% of the model's AUC (${aucInteger.toFixed(3)} vs ${aucModel.toFixed(3)}).`,
    );
  }
  if (engineProblems > 0)
    flags.push(`The engine reported ${engineProblems} problem(s) scoring the fitted matrix.`);
  return flags;
}

/** The features of the final structure, as the report lists them. */
function reportFeatures(final: Trained): FitReport["features"] {
  return [
    ...final.structure.columns.map((c) => ({ column: c.name, kind: c.kind, atoms: c.atoms.length })),
    ...final.structure.flagColumns.map((c) => ({
      column: c.name,
      kind: c.mergeable ? "keywords" : "flags",
      atoms: c.items.length,
    })),
  ];
}

/** Activity weighting as reported (Within Days null = all). */
function reportTiming(timing: ActivityTiming): FitReport["activity_timing"] {
  return {
    half_life_days: timing.halfLife,
    within_days: Number.isFinite(timing.withinDays) ? timing.withinDays : null,
  };
}

export interface FitParts {
  /** The model fitted ("" = the default model) and the other models' rows kept. */
  model: string;
  keptRules: number;
  outcomes: Outcomes;
  keyName: string;
  labelled: number[];
  conversions: number;
  seed: number;
  split: Split;
  /** The pass on the training split (penalty, CV AUC); `final` may be the refit on every labelled lead. */
  first: Trained;
  final: Trained;
  heldOut: HeldOut;
  rules: number;
  interactions: string[];
  ruleStats: FitRuleInfo[];
  backtest: BacktestInfo;
  refit: boolean;
  flags: string[];
}

/** What the fit leaves alone, for the CLI summary and the Suggested Matrix's (null: one model only). */
export function keptRulesNote(r: FitReport): string | null {
  if (r.kept_rules === 0) return null;
  const rows = r.kept_rules === 1 ? "1 row follows" : `${r.kept_rules} rows follow`;
  return `Only ${modelName(r.model ?? "")} is fitted; the other models' ${rows} its rules unchanged, Model cells included.`;
}

/** The report object (snake_case, JSON-serialisable) from the fit's parts. */
export function fitReport(p: FitParts): FitReport {
  const { heldOut, final } = p;
  const { aucModel, aucInteger } = heldOut;
  const n = p.labelled.length;
  return {
    ...(p.model ? { model: p.model } : {}),
    kept_rules: p.keptRules,
    outcome_column: p.outcomes.column,
    lead_key: p.keyName,
    leads_labelled: n,
    conversions: p.conversions,
    base_rate: n ? p.conversions / n : null,
    train_size: p.split.trainRows.length,
    holdout_size: p.split.testRows.length,
    seed: p.seed,
    lambda: p.first.lambda,
    cv_auc: p.first.cvAuc,
    auc_model: aucModel,
    auc_merged: heldOut.aucMerged,
    auc_integer: aucInteger,
    rounding_loss: aucModel !== null && aucInteger !== null ? aucModel - aucInteger : null,
    auc_current: heldOut.aucCurrent,
    rules: p.rules,
    interactions: p.interactions,
    baseline_points: final.points.baseline,
    points_per_logit: final.points.scale,
    clamped_share: final.points.clamped,
    features: reportFeatures(final),
    activity_events: [...new Set(final.structure.activities.map((a) => a.event))],
    activity_timing: reportTiming(final.timing),
    excluded_columns: final.skipped,
    leakage: final.leakage,
    rule_stats: p.ruleStats,
    backtest: p.backtest,
    refit_on_all: p.refit,
    flags: p.flags,
    engine_problems: heldOut.engineProblems,
  };
}
