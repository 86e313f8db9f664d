// The Score History tab (owned by the add-on, append-only): one row per tier change, written with one
// setValues per run. Rows a failed run appended before its state was committed are cleared by the next run
// (the state tab records how many rows are committed), so a retried run never writes a change twice.
import type { TierChange } from "../core/notify";
import type { CellValue } from "../core/types";
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

/** Clears rows past `committedRows` (a failed run's); returns the tab's last row afterwards. */
export function rollBackUncommitted(sheet: Sheet, lastRow: number, committedRows: number): number {
  if (committedRows < 1 || lastRow <= committedRows) return lastRow;
  sheet.getRange(committedRows + 1, 1, lastRow - committedRows, HISTORY_HEADERS.length).clearContent();
  return committedRows;
}

export function historyRow(at: Date, c: TierChange): CellValue[] {
  return [
    at,
    literal(c.key),
    literal(c.oldTier),
    literal(c.newTier),
    c.oldScore ?? "",
    c.newScore,
    literal(c.reasons),
  ];
}

/** Appends after row `lastRow` in one write, growing the tab when needed; returns the new last row. */
export function appendHistory(
  sheet: Sheet,
  lastRow: number,
  at: Date,
  changes: readonly TierChange[],
): number {
  if (changes.length === 0) return lastRow;
  return writeBelow(
    sheet,
    lastRow,
    changes.map((c) => historyRow(at, c)),
    HISTORY_HEADERS.length,
  );
}
