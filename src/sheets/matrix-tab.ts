// Matrices as the add-on moves them between tabs (Scoring Matrix, Suggested Matrix, Matrix History): always
// found by header and carried in the canonical column order, each block written with one setValues.
// On the Scoring Matrix (the user's tab) only the matrix columns are written.
import { findColumn, MATRIX_COLUMNS } from "../core";
import { OPTIONAL_MATRIX_COLUMNS } from "../core/matrix";
import { contiguousRuns, usedWidth } from "../core/output-columns";
import type { CellValue, Grid } from "../core/types";
import { isBlank } from "../core/values";
import { literal } from "./cell-text";
import { ensureSize } from "./sheet-size";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Kept as plain text, so an Operator "=" or a Value "-" is not taken for a formula (as setup does). */
const TEXT_COLUMNS = ["Operator", "Value"];

/** The cells a rule row carries between tabs: the matrix columns, then the optional ones (Only If). */
export const RULE_COLUMNS: readonly string[] = [...MATRIX_COLUMNS, ...OPTIONAL_MATRIX_COLUMNS];

/** RULE_COLUMNS that `rules` needs: every matrix column, an optional one when a rule fills it or `headers` has it. */
export function ruleColumnsFor(rules: readonly CellValue[][], headers: readonly CellValue[] = []): string[] {
  return RULE_COLUMNS.filter(
    (h, i) => i < MATRIX_COLUMNS.length || findColumn(headers, h) >= 0 || rules.some((r) => !isBlank(r[i])),
  );
}

/** Rule rows of a matrix-like grid in RULE_COLUMNS order; rows blank in every matrix column are left out. */
export function matrixRows(grid: Grid | undefined): CellValue[][] {
  if (!grid || grid.length === 0) return [];
  const cols = RULE_COLUMNS.map((h) => findColumn(grid[0], h));
  const rows: CellValue[][] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = cols.map((c) => (c >= 0 ? (grid[r][c] ?? "") : ""));
    if (row.some((v) => !isBlank(v))) rows.push(row);
  }
  return rows;
}

/** The header row with every wanted header it lacks appended at the right. */
export function withHeaders(headerRow: readonly CellValue[], wanted: readonly string[]): CellValue[] {
  const out = headerRow.slice();
  while (out.length > 0 && isBlank(out[out.length - 1])) out.pop();
  for (const h of wanted) if (findColumn(out, h) < 0) out.push(h);
  return out;
}

/** Rows in `from` header order laid out under `to` headers (columns `to` lacks are dropped, others blank). */
export function remap(
  rows: readonly CellValue[][],
  from: readonly CellValue[],
  to: readonly CellValue[],
  width = to.length,
): CellValue[][] {
  const source = Array.from({ length: width }, (_, c) =>
    c < to.length && !isBlank(to[c]) ? findColumn(from, String(to[c])) : -1,
  );
  return rows.map((row) => source.map((s) => (s >= 0 ? (row[s] ?? "") : "")));
}

/**
 * Writes a block at (row, column) in one setValues, its text columns (found in `headers`) formatted as text
 * first and every other string written as literal text (a rule label "=…" read from the matrix stays text);
 * grows the tab unless the caller already did.
 */
export function writeBlock(
  sheet: Sheet,
  row: number,
  column: number,
  values: CellValue[][],
  headers: readonly CellValue[] = [],
  grow = true,
): void {
  if (values.length === 0) return;
  const width = values[0].length;
  if (grow) ensureSize(sheet, row + values.length - 1, column + width - 1);
  const textColumns = new Set<number>();
  for (const name of TEXT_COLUMNS) {
    const c = findColumn(headers, name);
    if (c < 0 || c >= width) continue;
    textColumns.add(c);
    sheet.getRange(row, column + c, values.length, 1).setNumberFormat("@");
  }
  const cells = values.map((r) => r.map((v, c) => (textColumns.has(c) ? v : literal(v))));
  sheet.getRange(row, column, values.length, width).setValues(cells);
}

/**
 * Replaces the rules of a matrix tab with `rules` (RULE_COLUMNS order), writing only the matrix columns
 * (an optional one such as Only If when the tab has it or a rule fills it, so no stale cell stays beside a rule):
 * the user's header row and own columns stay (missing matrix headers are appended after the last used
 * column, so no cell of the user's is written over), and every old rule row past the new ones is blanked,
 * in one write per run of adjacent matrix columns (one, unless the user moved columns apart). Notes on the
 * old rows go too: they described rules that are gone (the next scoring run notes the new ones).
 */
export function replaceMatrix(sheet: Sheet, current: Grid, rules: CellValue[][]): void {
  const oldHeaders = current[0] ?? [];
  const used = usedWidth(current);
  const carried = ruleColumnsFor(rules, oldHeaders);
  const at = carried.map((h) => RULE_COLUMNS.indexOf(h));
  const missing = carried.filter((h) => findColumn(oldHeaders, h) < 0);
  const headers = [...Array.from({ length: used }, (_, c) => oldHeaders[c] ?? ""), ...missing];
  const columns = carried.map((h) => findColumn(headers, h));
  const rowCount = Math.max(rules.length, current.length - 1);
  ensureSize(sheet, rowCount + 1, headers.length);
  if (missing.length > 0) writeBlock(sheet, 1, used + 1, [missing], [], false);
  for (const run of contiguousRuns(columns)) {
    const body = Array.from({ length: rowCount }, (_, r) => run.indexes.map((i) => rules[r]?.[at[i]] ?? ""));
    writeBlock(
      sheet,
      2,
      run.start + 1,
      body,
      run.indexes.map((i) => carried[i]),
      false,
    );
  }
  if (rowCount > 0) sheet.getRange(2, 1, rowCount, headers.length).clearNote();
}
