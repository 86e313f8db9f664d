// Matrices as the add-on moves them between tabs (Scoring Matrix, Suggested Matrix, Matrix History): always
// found by header and carried in the canonical column order, each block written with one setValues.
import { findColumn, MATRIX_COLUMNS } from "../core";
import { withHeaders } from "../core/headers";
import type { CellValue, Grid } from "../core/types";
import { isBlank } from "../core/values";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Kept as plain text, so an Operator "=" or a Value "-" is not taken for a formula (as setup does). */
const TEXT_COLUMNS = ["Operator", "Value"];

/** Rule rows of a matrix-like grid in MATRIX_COLUMNS order; rows blank in every matrix column are left out. */
export function matrixRows(grid: Grid | undefined): CellValue[][] {
  if (!grid || grid.length === 0) return [];
  const cols = MATRIX_COLUMNS.map((h) => findColumn(grid[0], h));
  const rows: CellValue[][] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = cols.map((c) => (c >= 0 ? (grid[r][c] ?? "") : ""));
    if (row.some((v) => !isBlank(v))) rows.push(row);
  }
  return rows;
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

/** Grows the tab to at least `rows` × `columns` (two reads, and an insert only when it is smaller). */
export function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/**
 * Writes a block at (row, column) in one setValues, its text columns (found in `headers`) formatted as text
 * first; grows the tab unless the caller already did.
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
  for (const name of TEXT_COLUMNS) {
    const c = findColumn(headers, name);
    if (c >= 0 && c < width) sheet.getRange(row, column + c, values.length, 1).setNumberFormat("@");
  }
  sheet.getRange(row, column, values.length, width).setValues(values);
}

/**
 * Replaces the rules of a matrix tab with `rules` (MATRIX_COLUMNS order): the user's header row stays (missing
 * matrix headers are appended), every old data row past the new ones is blanked, all in one write. Notes on
 * the old rows go too: they described rules that are gone (the next scoring run notes the new ones).
 */
export function replaceMatrix(sheet: Sheet, current: Grid, rules: CellValue[][]): void {
  const oldHeaders = current[0] ?? [];
  const headers = withHeaders(oldHeaders, MATRIX_COLUMNS);
  const headersChanged = headers.length !== oldHeaders.length || current.length === 0;
  const width = Math.max(headers.length, ...current.map((r) => r.length));
  const rowCount = Math.max(rules.length, current.length - 1);
  const body = remap(rules, MATRIX_COLUMNS, headers, width);
  while (body.length < rowCount) body.push(new Array<CellValue>(width).fill(""));
  const header = Array.from({ length: width }, (_, c) => headers[c] ?? "");
  if (headersChanged) writeBlock(sheet, 1, 1, [header, ...body], header);
  else writeBlock(sheet, 2, 1, body, header);
  if (rowCount > 0) sheet.getRange(2, 1, rowCount, width).clearNote();
}
