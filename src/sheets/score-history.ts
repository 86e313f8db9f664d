// The Score History tab (owned by the add-on, append-only): one row per tier change, written with one
// setValues per run. Rows a failed run appended before its state was committed are cleared by the next run
// (the state tab records how many rows are committed), so a retried run never writes a change twice.
// A workbook with named models gets an eighth column, `Model` (blank on the default model's rows), added
// the first time it has models: the seven columns before it keep their meaning, and a workbook without
// models writes exactly the seven it always did.
import type { TierChange } from "../core/notify";
import type { CellValue } from "../core/types";
import { cellText } from "../core/values";
import { literal } from "./cell-text";
import { writeBelow } from "./sheet-size";
import { tabKey } from "./tabs";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const HISTORY_TAB = "Score History";
export const HISTORY_HEADERS = [
  "Time",
  "Lead Key",
  "Old Tier",
  "New Tier",
  "Old Score",
  "New Score",
  "Top Reasons",
];

/** The column after HISTORY_HEADERS: which model a row's change is in ("" = the default model). */
export const HISTORY_MODEL_HEADER = "Model";
const WITH_MODEL = HISTORY_HEADERS.length + 1;

export function findHistorySheet(sheets: Map<string, Sheet>): Sheet | undefined {
  return sheets.get(tabKey(HISTORY_TAB));
}

/**
 * The tab and its last row. A new tab gets its header row, frozen, and a warning on manual edits; a tab
 * left empty by a run that failed right after creating it gets its header now.
 */
export function ensureHistorySheet(
  ss: Spreadsheet,
  sheets: Map<string, Sheet>,
): { sheet: Sheet; lastRow: number } {
  const found = findHistorySheet(sheets);
  const last = found ? found.getLastRow() : 0;
  if (found && last > 0) return { sheet: found, lastRow: last };
  const sheet = found ?? ss.insertSheet(HISTORY_TAB);
  sheets.set(tabKey(HISTORY_TAB), sheet);
  sheet.getRange(1, 1, 1, HISTORY_HEADERS.length).setValues([HISTORY_HEADERS]);
  if (!found) {
    sheet.setFrozenRows(1);
    sheet
      .protect()
      .setDescription("Leadscore keeps this history; edits here are not read back.")
      .setWarningOnly(true);
  }
  return { sheet, lastRow: 1 };
}

/** Heads the Model column when the tab lacks it (one cell read; written once per workbook). */
export function ensureModelColumn(sheet: Sheet): void {
  const cell = sheet.getRange(1, WITH_MODEL);
  if (cellText(cell.getValue() as CellValue) !== HISTORY_MODEL_HEADER) cell.setValue(HISTORY_MODEL_HEADER);
}

/** Clears rows past `committedRows` (a failed run's); returns the tab's last row afterwards. */
export function rollBackUncommitted(sheet: Sheet, lastRow: number, committedRows: number): number {
  if (committedRows < 1 || lastRow <= committedRows) return lastRow;
  // The Model column too, when the tab has one (the failed run may have had models this run has not).
  const width = Math.min(WITH_MODEL, Math.max(HISTORY_HEADERS.length, sheet.getLastColumn()));
  sheet.getRange(committedRows + 1, 1, lastRow - committedRows, width).clearContent();
  return committedRows;
}

/** One change's row; with `withModel`, its model in an eighth cell. */
export function historyRow(at: Date, c: TierChange, withModel = false): CellValue[] {
  const row: CellValue[] = [
    at,
    literal(c.key),
    literal(c.oldTier),
    literal(c.newTier),
    c.oldScore ?? "",
    c.newScore,
    literal(c.reasons),
  ];
  if (withModel) row.push(literal(c.model ?? ""));
  return row;
}

/**
 * Appends after row `lastRow` in one write, growing the tab when needed; returns the new last row. With
 * `withModel` (the workbook has named models) the rows carry the Model column, headed first if missing.
 */
export function appendHistory(
  sheet: Sheet,
  lastRow: number,
  at: Date,
  changes: readonly TierChange[],
  withModel = false,
): number {
  if (changes.length === 0) return lastRow;
  if (withModel) ensureModelColumn(sheet);
  return writeBelow(
    sheet,
    lastRow,
    changes.map((c) => historyRow(at, c, withModel)),
    withModel ? WITH_MODEL : HISTORY_HEADERS.length,
  );
}
