// Writes the engine's output columns to the Leads tab: one setValues per contiguous run of output
// columns for the whole tab, so a rescore costs the same number of calls for 10 or 100,000 leads.

import type { ScoreRun } from "../core";
import { outputRow } from "../core";
import { contiguousRuns, type OutputLayout, outputLayout } from "../core/output-columns";
import type { CellValue, Grid } from "../core/types";
import { ensureOutputProtection, ensureTierFormatting } from "./setup-leads";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Output values by sheet row; rows the engine skipped (broken) get blanks so no stale score survives. */
function outputsByRow(run: ScoreRun): Map<number, CellValue[]> {
  return new Map(run.leads.map((lead) => [lead.sheetRow, outputRow(run, lead)]));
}

/** Adds the missing output headers at the right of the Leads tab, growing it when it is too narrow. */
export function ensureOutputHeaders(sheet: Sheet, leads: Grid, run: ScoreRun): OutputLayout {
  const layout = outputLayout(leads[0] ?? [], run.outputHeaders);
  if (layout.appended.length === 0) return layout;
  const first = layout.width - layout.appended.length;
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < layout.width) sheet.insertColumnsAfter(maxColumns, layout.width - maxColumns);
  sheet.getRange(1, first + 1, 1, layout.appended.length).setValues([layout.appended]);
  // The columns are new: give them the tier colours and the warning-only protection setup gives.
  const headerRow = [...(leads[0] ?? []).slice(0, first), ...layout.appended];
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
  if (toRow < fromRow) return;
  for (const { start, indexes } of contiguousRuns(layout.columns)) {
    const block: CellValue[][] = [];
    for (let r = fromRow; r <= toRow; r++) {
      const values = byRow.get(r);
      block.push(indexes.map((i) => (values ? values[i] : "")));
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
