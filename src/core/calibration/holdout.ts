// The honest check of a fit: a stratified holdout of the labelled leads, and AUCs measured on it — of
// the unrounded model, the merged model and the integer matrix as the engine scores it (with the
// workbook's current matrix beside it).
import { modelRunOf } from "../model-names";
import type { ProblemCode, WorkbookInput } from "../types";
import { TAB } from "../types";
import { withMatrix } from "../with-matrix";
import { auc } from "./auc";
import { scoreWorkbook } from "./engine";
import type { FitMatrixOptions } from "./fit-options";
import { linearPredictor } from "./logistic";
import { matrixGrid, matrixRules } from "./matrix";
import { rng, stratifiedFolds } from "./rng";
import type { Trained } from "./training";

export interface Split {
  trainRows: number[];
  testRows: number[];
}

/** Training and held-out data rows: a stratified share `holdout` (clamped to 0..0.9; 0 = no holdout). */
export function splitHoldout(labelled: number[], y: Uint8Array, seed: number, holdout: number): Split {
  const share = Math.min(0.9, Math.max(0, holdout));
  if (share === 0) return { trainRows: labelled, testRows: [] };
  const fold = stratifiedFolds(
    labelled.map((r) => y[r]),
    Math.max(2, Math.round(1 / share)),
    rng(seed),
  );
  return {
    trainRows: labelled.filter((_, t) => fold[t] !== 0),
    testRows: labelled.filter((_, t) => fold[t] === 0),
  };
}

export interface HeldOut {
  aucModel: number | null;
  aucMerged: number | null;
  aucInteger: number | null;
  aucCurrent: number | null;
  /** Problems the fitted matrix caused when the engine scored it. */
  engineProblems: number;
}

const NOT_MEASURED: HeldOut = {
  aucModel: null,
  aucMerged: null,
  aucInteger: null,
  aucCurrent: null,
  engineProblems: 0,
};

/** The AUCs of the first pass on the held-out rows; its integer matrix keys leads by `keyName`. */
export function heldOutFigures(
  input: WorkbookInput,
  first: Trained,
  keyName: string,
  y: Uint8Array,
  testRows: number[],
  options: FitMatrixOptions,
  asOfForLead: (row: number) => Date | undefined,
): HeldOut {
  if (testRows.length === 0) return NOT_MEASURED;
  const yt = testRows.map((r) => y[r]);
  const sheetRows = new Set(testRows.map((r) => r + 2));
  const matrix = matrixGrid(
    matrixRules(first.structure, first.points.points, first.points.baseline, keyName),
  );
  const scored = engineAuc(withMatrix(input, matrix), sheetRows, y, options, asOfForLead);
  const hasMatrix = input.matrix !== undefined && input.matrix.length > 1;
  return {
    aucModel: auc(
      testRows.map((r) => linearPredictor(first.fullX, first.fullModel, r)),
      yt,
    ),
    aucMerged: auc(
      testRows.map((r) => linearPredictor(first.X, first.model, r)),
      yt,
    ),
    aucInteger: scored.auc,
    aucCurrent: hasMatrix ? engineAuc(input, sheetRows, y, options, asOfForLead, options.model).auc : null,
    engineProblems: scored.problems,
  };
}

/** Engine problems a matrix causes (the workbook's own data problems are not the fit's doing). */
const MATRIX_CAUSED: ReadonlySet<ProblemCode> = new Set(["rule-needs-numbers"]);

/** AUC of the engine's scores on some sheet rows, at each lead's cut-off. */
function engineAuc(
  input: WorkbookInput,
  rows: Set<number>,
  y: Uint8Array,
  options: FitMatrixOptions,
  asOfForLead: (row: number) => Date | undefined,
  model = "",
): { auc: number | null; problems: number } {
  const all = scoreWorkbook(input, {
    asOf: options.asOf,
    timeZone: options.timeZone,
    onlyRows: rows,
    asOfForLead,
  });
  // A named model with no active rule has no run: nothing to compare with.
  const leads = (modelRunOf(all, model)?.leads ?? []).filter((l) => rows.has(l.sheetRow));
  return {
    auc: auc(
      leads.map((l) => l.score),
      leads.map((l) => y[l.sheetRow - 2]),
    ),
    problems: all.problems.filter(
      (p) => p.tab === TAB.matrix || (p.code !== undefined && MATRIX_CAUSED.has(p.code)),
    ).length,
  };
}
