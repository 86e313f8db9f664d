// The Accounts tab: owned by the add-on and rewritten as a whole by every full run (one write), one row per
// account, highest Score first. A tab named Accounts that is not ours (its row 1 is not our header) is
// never touched: the run reports it instead. Single-lead rescores (edits, form responses) leave the tab as
// the last full run wrote it; its Scored At column says when that was.
import {
  ACCOUNT_HEADERS,
  ACCOUNTS_TAB,
  type AccountRollUp,
  accountGrid,
  rollUpAccounts,
} from "../core/accounts";
import { problem } from "../core/problems";
import type { CellValue, ScoreRun } from "../core/types";
import { cellText, normText } from "../core/values";
import { literal } from "./cell-text";
import { ensureSize } from "./sheet-size";
import { KEY, readState, writeState } from "./state";
import { tabKey } from "./tabs";
import type { SheetWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Ours when it is the tab the add-on made (its id is remembered, so no read), else when blank or headed
 * like ours (one read of two cells; then remembered): a user's own Accounts tab is never cleared.
 */
function isOurs(sheet: Sheet): boolean {
  const id = sheet.getSheetId();
  if (readState<number>(KEY.accountsTab) === id) return true;
  const [a, b] = sheet.getRange(1, 1, 1, 2).getValues()[0] as CellValue[];
  const ours =
    cellText(a) === "" && cellText(b) === ""
      ? sheet.getLastRow() === 0
      : normText(a) === normText(ACCOUNT_HEADERS[0]) && normText(b) === normText(ACCOUNT_HEADERS[1]);
  if (ours) writeState(KEY.accountsTab, id);
  return ours;
}

/**
 * Rolls the full run up into accounts and rewrites the Accounts tab; a problem it meets joins run.problems
 * (written to the Problems tab after this). Accounts off: an existing tab of ours says so, none is created.
 */
export function writeAccountsTab(
  ss: Spreadsheet,
  workbook: SheetWorkbook,
  run: ScoreRun,
): AccountRollUp | null {
  const rollUp = rollUpAccounts(workbook.input, run);
  let sheet = workbook.sheets.get(tabKey(ACCOUNTS_TAB));
  if (!rollUp && !sheet) return null;
  if (sheet && !isOurs(sheet)) {
    run.problems.push(
      problem(
        ACCOUNTS_TAB,
        1,
        "",
        `The ${ACCOUNTS_TAB} tab is not Leadscore's (its row 1 is not Account, Leads, …), so account scores were not written.`,
        `Rename your ${ACCOUNTS_TAB} tab; Leadscore then creates its own on the next full run.`,
        "warning",
      ),
    );
    return rollUp;
  }
  const values: CellValue[][] = rollUp
    ? accountGrid(rollUp, run.asOf).map((row) => row.map(literal))
    : [
        [...ACCOUNT_HEADERS],
        ["Accounts are off: set Account key in Settings (e.g. Company or Email Domain)."],
      ];
  const width = ACCOUNT_HEADERS.length;
  const rows = values.map((r) => (r.length < width ? [...r, ...new Array(width - r.length).fill("")] : r));
  if (sheet) sheet.clearContents();
  else {
    // insertSheet makes the new tab the active one: the user stays on the tab they were on.
    const active = ss.getActiveSheet();
    sheet = ss.insertSheet(ACCOUNTS_TAB, ss.getNumSheets());
    active?.activate();
    workbook.sheets.set(tabKey(ACCOUNTS_TAB), sheet);
    writeState(KEY.accountsTab, sheet.getSheetId());
  }
  ensureSize(sheet, rows.length, width);
  sheet.getRange(1, 1, rows.length, width).setValues(rows);
  return rollUp;
}
