// Model names (the Scoring Matrix's optional `Model` column; blank = the default model): the one rule for
// comparing them (trimmed, case-insensitive, as every text comparison), their wording in messages, and
// the names a matrix grid holds, for pickers and checks that must not score the workbook. A scored run's
// own list is `run.models` (it leaves out a model whose rules are all inactive).
import { findColumn } from "./headers";
import type { CellValue, Grid, ScoreRun } from "./types";
import { cellText, normText } from "./values";

export const MODEL_COLUMN = "Model";

/** The form two model names are compared in: "" for the default model. */
export function modelKey(name: CellValue | undefined): string {
  return normText(name);
}

export function sameModel(a: CellValue | undefined, b: CellValue | undefined): boolean {
  return modelKey(a) === modelKey(b);
}

/** The model as messages name it. */
export function modelName(model: string): string {
  return model === "" ? "the default model (blank Model)" : `model ${model}`;
}

/** The named models, in matrix order of first appearance, each as first spelt (trimmed). */
export function matrixModels(matrix: Grid | undefined): string[] {
  const col = matrix ? findColumn(matrix[0] ?? [], MODEL_COLUMN) : -1;
  if (!matrix || col < 0) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (let r = 1; r < matrix.length; r++) {
    const name = cellText(matrix[r]?.[col]);
    const key = modelKey(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** The run of `model` ("" = the default run itself); undefined for a model the run does not score. */
export function modelRunOf(run: ScoreRun, model: CellValue | undefined): ScoreRun | undefined {
  return modelKey(model) ? run.models.find((m) => sameModel(m.model, model)) : run;
}
