// The calibration report: how well the current matrix's scores predict conversion. One JSON-serialisable
// object (ISO strings, snake_case) shared by the CLI's --json output and the sidebar's Calibration panel.
import { activityTable } from "../cell-table";
import { modelRunOf, sameModel } from "../model-names";
import { createProblemSink } from "../problems";
import type { Problem, ScoreRun, WorkbookInput } from "../types";
import { cellText } from "../values";
import { auc } from "./auc";
import { type BacktestInfo, type BacktestOption, cutoffs, defaultBacktest } from "./backtest";
import { byDecile, byTier, type DecileRow, type HistogramBin, histogram, type TierRow } from "./deciles";
import { parseLists, parseMatrix, scoreWorkbook } from "./engine";
import { CalibrationError } from "./errors";
import { readOutcomes } from "./outcomes";
import { type GainPoint, gainCurve, type RocPoint, rocCurve } from "./roc";
import { type RuleInfo, type RuleStat, ruleStats } from "./rules-lift";
import { type SuggestedThresholds, suggestThresholds } from "./thresholds";
import { wilson } from "./wilson";

export interface CalibrateOptions {
  /** Default: Settings "Outcome column", else "Converted". */
  outcomeColumn?: string;
  /** Default "Converted At". */
  convertedAtColumn?: string;
  asOf: Date;
  timeZone: string;
  /** Default: before-conversion (1 day) when there is an Activity Log and a Converted At column, else none. */
  backtest?: BacktestOption;
  /** Top tier must convert at this multiple of the base rate (default 3). */
  topTierMultiple?: number;
  /** Minimum leads at or above a suggested threshold (default 20). */
  minCount?: number;
  /** A named model (Scoring Matrix `Model` column) to calibrate instead of the default model. */
  model?: string;
}

export interface CalibrationReport {
  /** The named model calibrated, as the matrix spells it; absent for the default model. */
  model?: string;
  outcome_column: string;
  as_of: string;
  time_zone: string;
  backtest: BacktestInfo;
  leads_total: number;
  /** Leads with a readable outcome: the statistics use only these. */
  leads_labelled: number;
  /** Blank outcome: still open, left out. */
  leads_open: number;
  /** Outcome text that is neither yes nor no: left out. */
  outcomes_unreadable: number;
  conversions: number;
  base_rate: number | null;
  base_rate_ci: [number, number] | null;
  /** ROC AUC of the score, ties counted as half. */
  auc: number | null;
  avg_score: { converted: number | null; not_converted: number | null };
  by_tier: TierRow[];
  by_decile: DecileRow[];
  roc: RocPoint[];
  gain: GainPoint[];
  score_distribution: HistogramBin[];
  suggested_thresholds: SuggestedThresholds;
  rules: RuleStat[];
  warnings: string[];
  /** Problems the engine found in the workbook while scoring. */
  problems: Problem[];
}

/**
 * Active rules of `model` ("" = the default model) as the engine reads the matrix grid, for the per-rule
 * table (also the ones that never fire).
 */
export function currentMatrixRules(input: WorkbookInput, model = ""): RuleInfo[] {
  if (!input.matrix || input.matrix.length === 0) return [];
  const rules = parseMatrix(input.matrix, {
    leadHeaders: input.leads[0] ?? [],
    activityHeaders: activityTable(input)?.row(0) ?? null,
    lists: parseLists(input.lists),
    sink: createProblemSink(), // the engine's run reports the matrix's problems
  });
  return rules
    .filter((r) => sameModel(r.model, model))
    .map((r) => ({ rule_row: r.row, label: r.label, group: r.group, points: r.points }));
}

/**
 * The run of the model asked for: the default run (no model asked), or the named model's own run, whose
 * scores, tiers and contributions are that model's alone. An unknown name fails, listing the models.
 */
function modelRun(run: ScoreRun, model: string | undefined): ScoreRun {
  const found = modelRunOf(run, model);
  if (!found)
    throw new CalibrationError({
      kind: "unknown-model",
      model: cellText(model).trim(),
      models: run.models.map((m) => m.model),
    });
  return found;
}

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

export function calibrate(input: WorkbookInput, options: CalibrateOptions): CalibrationReport {
  const convertedAt = options.convertedAtColumn ?? "Converted At";
  const outcomes = readOutcomes(input, options.outcomeColumn);
  const bt = options.backtest ?? defaultBacktest(input, convertedAt);
  const cuts = cutoffs(input, outcomes.labels, bt, options.asOf, options.timeZone, convertedAt);
  const labelledRows = new Set<number>();
  outcomes.labels.forEach((y, i) => {
    if (y !== null) labelledRows.add(i + 2);
  });
  const scored = scoreWorkbook(input, {
    asOf: options.asOf,
    timeZone: options.timeZone,
    onlyRows: labelledRows,
    asOfForLead: cuts.asOfForLead,
  });
  const run = modelRun(scored, options.model);
  const leads = run.leads.filter((l) => labelledRows.has(l.sheetRow));
  const labels = leads.map((l) => outcomes.labels[l.sheetRow - 2] === true);
  const scores = leads.map((l) => l.score);
  const n = leads.length;
  const P = labels.filter(Boolean).length;
  const base = n > 0 ? P / n : null;
  const settings = run.settings;
  const warnings: string[] = [];
  if (P < 30) warnings.push(`Only ${P} conversions: rates and AUC are rough (aim for 30 or more).`);
  if (n - P < 30) warnings.push(`Only ${n - P} non-converted leads: rates and AUC are rough.`);
  if (outcomes.unreadable > 0) {
    warnings.push(`${outcomes.unreadable} outcome value(s) are neither yes nor no and were left out.`);
  }
  if (bt.mode === "none" && (activityTable(input)?.length ?? 0) > 1) {
    warnings.push(
      "Scored at the as-of time with no cut-off: activity after a conversion can flatter the AUC (use a backtest mode).",
    );
  }
  if (cuts.info.leads_without_date > 0) {
    warnings.push(
      `${cuts.info.leads_without_date} lead(s) had no ${cuts.info.column} date and were scored at the as-of time.`,
    );
  }
  const tiers = [...settings.tiers].sort((a, b) => a.minScore - b.minScore);
  const multiple = options.topTierMultiple ?? 3;
  const minCount = options.minCount ?? 20;
  const fired = leads.map((l) => run.contributions(l).map((c) => c.ruleRow));
  const rules = currentMatrixRules(input, run.model);
  return {
    ...(run.model ? { model: run.model } : {}),
    outcome_column: outcomes.column,
    as_of: options.asOf.toISOString(),
    time_zone: options.timeZone,
    backtest: cuts.info,
    leads_total: outcomes.labels.length,
    leads_labelled: n,
    leads_open: outcomes.labels.filter((y) => y === null).length - outcomes.unreadable,
    outcomes_unreadable: outcomes.unreadable,
    conversions: P,
    base_rate: base,
    base_rate_ci: n > 0 ? wilson(P, n) : null,
    auc: auc(scores, labels),
    avg_score: {
      converted: mean(scores.filter((_, i) => labels[i])),
      not_converted: mean(scores.filter((_, i) => !labels[i])),
    },
    by_tier: byTier(
      tiers,
      leads.map((l) => l.tier),
      labels,
      base,
    ),
    by_decile: byDecile(scores, labels, base),
    roc: rocCurve(scores, labels),
    gain: gainCurve(scores, labels),
    score_distribution: histogram(scores, labels, settings.scoreFloor, settings.scoreCeiling),
    suggested_thresholds: suggestThresholds(scores, labels, tiers, base, multiple, minCount),
    rules: ruleStats(rules, fired, labels),
    warnings,
    problems: scored.problems,
  };
}
