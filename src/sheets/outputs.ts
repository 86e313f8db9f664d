// Writes the engine's output columns to the Leads tab: one setValues per contiguous run of output
// columns for the whole tab, so a rescore costs the same number of calls for 10 or 100,000 leads. Text
// (tier, grade and group names, reasons built from rule labels) is written as literal text, never a formula.

import type { ScoreRun } from "../core";
import { outputRow } from "../core";
import { contiguousRuns, type OutputLayout, outputLayout, usedWidth } from "../core/output-columns";
import type { CellValue, Grid } from "../core/types";
import { literal } from "./cell-text";
import { ensureOutputProtection, ensureTierFormatting } from "./setup-leads";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Output values by sheet row; rows the engine skipped (broken) get blanks so no stale score survives. */
function outputsByRow(run: ScoreRun): Map<number, CellValue[]> {
  return new Map(run.leads.map((lead) => [lead.sheetRow, outputRow(run, lead)]));
}

/**
 * Adds the missing output headers after the Leads tab's last used column (`leads` is its data range, so
 * cells the user typed right of the headers are never written over), growing the tab when it is too narrow.
 */
export function ensureOutputHeaders(sheet: Sheet, leads: Grid, run: ScoreRun): OutputLayout {
  const header = leads[0] ?? [];
  const found = outputLayout(header, run.outputHeaders);
  if (found.appended.length === 0) return found;
  const layout = outputLayout(header, run.outputHeaders, usedWidth(leads));
  const first = layout.width - layout.appended.length;
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < layout.width) sheet.insertColumnsAfter(maxColumns, layout.width - maxColumns);
  sheet.getRange(1, first + 1, 1, layout.appended.length).setValues([layout.appended.map(literal)]);
  // The columns are new: give them the tier colours and the warning-only protection setup gives.
  const headerRow = [...Array.from({ length: first }, (_, c) => header[c] ?? ""), ...layout.appended];
  ensureTierFormatting(sheet, headerRow);
  ensureOutputProtection(sheet, headerRow, run.outputHeaders);
  return layout;
}

/** Writes rows [fromRow, toRow] (sheet rows, inclusive) of every output column. */
export function writeOutputRows(
  sheet: Sheet,
  layout: OutputLayout,
  run: ScoreRun,
  fromRow: number,
  toRow: number,
  byRow: ReadonlyMap<number, CellValue[]> = outputsByRow(run),
): void {
  writeOutputBlock(sheet, layout, fromRow, toRow, byRow);
}

/** Writes rows [fromRow, toRow] of every output column from values by sheet row (absent or null: blanks). */
export function writeOutputBlock(
  sheet: Sheet,
  layout: OutputLayout,
  fromRow: number,
  toRow: number,
  byRow: ReadonlyMap<number, readonly CellValue[] | null>,
): void {
  if (toRow < fromRow) return;
  for (const { start, indexes } of contiguousRuns(layout.columns)) {
    const block: CellValue[][] = [];
    for (let r = fromRow; r <= toRow; r++) {
      const values = byRow.get(r);
      block.push(indexes.map((i) => (values ? literal(values[i]) : "")));
    }
    sheet.getRange(fromRow, start + 1, block.length, indexes.length).setValues(block);
  }
}

/** Writes only the given rows (an incremental rescore): one write per row and column run. */
export function writeSomeRows(
  sheet: Sheet,
  layout: OutputLayout,
  run: ScoreRun,
  rows: Iterable<number>,
): void {
  const byRow = outputsByRow(run);
  for (const row of rows) writeOutputRows(sheet, layout, run, row, row, byRow);
}
