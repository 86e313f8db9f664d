// The models a Scoring Matrix grid names, read from its optional `Model` column alone (no parsing of the
// rules): for pickers and checks that must not score the workbook. Blank = the default model. A scored
// run's own list is `run.models` (it leaves out a model whose rules are all inactive).
import { findColumn, normalizeHeader } from "./headers";
import type { Grid } from "./types";
import { cellText } from "./values";

export const MODEL_COLUMN = "Model";

/** The named models, in matrix order of first appearance, each as first spelt (trimmed). */
export function matrixModels(matrix: Grid | undefined): string[] {
  const col = matrix ? findColumn(matrix[0] ?? [], MODEL_COLUMN) : -1;
  if (!matrix || col < 0) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (let r = 1; r < matrix.length; r++) {
    const name = cellText(matrix[r]?.[col]).trim();
    const key = normalizeHeader(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** Whether the rule on sheet row `row` of the grid belongs to `model` ("" = the default model). */
export function ruleInModel(matrix: Grid, row: number, model: string): boolean {
  const col = findColumn(matrix[0] ?? [], MODEL_COLUMN);
  const cell = col < 0 ? "" : cellText(matrix[row - 1]?.[col]);
  return normalizeHeader(cell) === normalizeHeader(model);
}
