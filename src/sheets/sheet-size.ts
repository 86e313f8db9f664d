// Growing a tab before a block write: Range writes past getMaxRows()/getMaxColumns() throw ("The coordinates
// of the range are outside the dimensions of the sheet"), so a block that lands below or right of the grid
// first inserts what is missing, in one call each.
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

import type { CellValue } from "../core/types";

/** Grows the tab to at least `rows` × `columns` (two reads, and an insert only when it is smaller). */
export function ensureSize(sheet: Sheet, rows: number, columns = 0): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (columns <= 0) return;
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/**
 * Writes `rows` (all `width` wide, no wider than the tab: the columns of rows it has read) as one block
 * below row `after`; returns the last row written.
 */
export function writeBelow(sheet: Sheet, after: number, rows: CellValue[][], width: number): number {
  if (rows.length === 0) return after;
  ensureSize(sheet, after + rows.length);
  sheet.getRange(after + 1, 1, rows.length, width).setValues(rows);
  return after + rows.length;
}
