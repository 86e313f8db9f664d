// Fitting point values from outcomes: candidate features from Leads columns and activity counts, an
// L2-regularised logistic regression (penalty chosen by cross-validation on the training split), clusters
// merged until the matrix is readable, integer points on the workbook's scale, and an honest check of the
// integer matrix *as the engine scores it* on held-out leads. Each step lives in its own module.
import { activityTable } from "../cell-table";
import { findColumn, headerText, normalizeHeader } from "../headers";
import { matrixModels, modelKey, sameModel } from "../model-names";
import { modelHeaders } from "../output-headers";
import { parseSettings, workbookClock } from "../settings";
import type { Grid, WorkbookInput } from "../types";
import { cellText } from "../values";
import { activitySignals } from "./activity";
import { cutoffs, defaultBacktest } from "./backtest";
import { CalibrationError } from "./errors";
import type { FitMatrixOptions } from "./fit-options";
import { type FitReport, fitReport, fittedRuleStats, reviewFlags } from "./fit-report";
import { heldOutFigures, splitHoldout } from "./holdout";
import { matrixGrid, matrixRules, otherModelsRows } from "./matrix";
import { readOutcomes } from "./outcomes";
import { type TrainingData, train } from "./training";

export type { FitMatrixOptions } from "./fit-options";
export type { FitReport, FitRuleInfo } from "./fit-report";

export interface FitResult {
  matrix: Grid;
  report: FitReport;
}

/** The labelled data rows and their outcomes (y[r] = 1 converted), checked to hold both outcomes. */
function labelledLeads(labels: readonly (boolean | null)[]): {
  y: Uint8Array;
  labelled: number[];
  P: number;
} {
  const y = new Uint8Array(labels.length);
  const labelled: number[] = [];
  labels.forEach((l, r) => {
    if (l === null) return;
    labelled.push(r);
    y[r] = l ? 1 : 0;
  });
  const P = labelled.reduce((s, r) => s + y[r], 0);
  if (P === 0 || P === labelled.length) {
    throw new CalibrationError({ kind: "one-outcome-only", converted: P, labelled: labelled.length });
  }
  return { y, labelled, P };
}

/** The named model to fit, as the matrix spells it ("" = the default model); an unknown name fails. */
function fittedModel(matrix: Grid | undefined, asked: string | undefined): string {
  if (!modelKey(asked)) return "";
  const models = matrixModels(matrix);
  const found = models.find((m) => sameModel(m, asked));
  if (found === undefined) {
    throw new CalibrationError({ kind: "unknown-model", model: cellText(asked), models });
  }
  return found;
}

export function fitMatrix(input: WorkbookInput, options: FitMatrixOptions): FitResult {
  const model = fittedModel(input.matrix, options.model);
  const { settings } = parseSettings(input.settings);
  const outcomes = readOutcomes(input, options.outcomeColumn);
  const headers = input.leads[0] ?? [];
  const keyCol = findColumn(headers, settings.leadKey);
  if (keyCol < 0) throw new CalibrationError({ kind: "no-lead-key-column", column: settings.leadKey });
  const keyName = headerText(headers, keyCol);
  const convertedAt = options.convertedAtColumn ?? "Converted At";
  const seed = options.seed ?? 1;
  const { y, labelled, P } = labelledLeads(outcomes.labels);
  const flags: string[] = [];
  if (P < 30) flags.push(`Only ${P} conversions: the fitted points are rough (aim for 30 or more).`);

  const step = options.onStep ?? (() => {});
  const bt = options.backtest ?? defaultBacktest(input, convertedAt);
  const cuts = cutoffs(input, outcomes.labels, bt, options.asOf, options.timeZone, convertedAt);
  const asOfMs = options.asOf.getTime();
  const log = activityTable(input);
  if (log && log.length > 1) step(`Reading ${(log.length - 1).toLocaleString("en-US")} activities…`);
  const data: TrainingData = {
    input,
    y,
    settings,
    options,
    signals: activitySignals(
      input.leads,
      log,
      settings.leadKey,
      (r) => cuts.asOfForLead(r + 2)?.getTime() ?? asOfMs,
      workbookClock(options.timeZone, settings),
    ),
    never: new Set(
      [
        settings.leadKey,
        outcomes.column,
        convertedAt,
        // The named models' output columns are scores too, never features.
        ...matrixModels(input.matrix).flatMap((m) => modelHeaders(m, true, true)),
        ...(options.exclude ?? []),
      ].map(normalizeHeader),
    ),
  };
  const { trainRows, testRows } = splitHoldout(labelled, y, seed, options.holdout ?? 0.25);

  const first = train(data, trainRows, null);
  step(`Scoring ${testRows.length.toLocaleString("en-US")} held-out leads with the integer matrix…`);
  const heldOut = heldOutFigures(input, first, keyName, y, testRows, options, cuts.asOfForLead);
  if (testRows.length === 0) flags.push("No holdout: the AUC figures are not measured on unseen leads.");

  const refit = (options.refitOnAll ?? true) && testRows.length > 0;
  if (refit) step(`Refitting on all ${labelled.length.toLocaleString("en-US")} labelled leads…`);
  const final = refit ? train(data, labelled, { lambda: first.lambda, timing: first.timing }) : first;
  const rules = matrixRules(final.structure, final.points.points, final.points.baseline, keyName);
  const ruleStats = fittedRuleStats(rules, final, refit ? labelled : trainRows, y, P / labelled.length);
  flags.push(...reviewFlags(ruleStats, final, heldOut));
  const kept = otherModelsRows(input.matrix, model);
  return {
    matrix: matrixGrid(rules, model, kept),
    report: fitReport({
      model,
      keptRules: kept.length,
      outcomes,
      keyName,
      labelled,
      conversions: P,
      seed,
      split: { trainRows, testRows },
      first,
      final,
      heldOut,
      rules: rules.length,
      interactions: rules.filter((r) => r.onlyIf).map((r) => r.label),
      ruleStats,
      backtest: cuts.info,
      refit,
      flags,
    }),
  };
}
