// The Problems tab (owned by the add-on, rebuilt on each full run) and notes on the bad matrix cells,
// so problems show up where the user looks. Each is one write. Messages quote the user's cells, so every
// text cell is written as literal text; only the "Go to" link is a formula, built here.
import { findColumn } from "../core";
import { type Grid, type Problem, TAB } from "../core/types";
import { a1 } from "./a1";
import { literal } from "./cell-text";
import { tabKey } from "./tabs";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const PROBLEMS_TAB = "Problems";
export const PROBLEM_HEADERS = ["Severity", "Tab", "Row", "Column", "Problem", "Fix", "Go to"];
const NOTE_PREFIX = "Leadscore: ";

/** Sheet row and column (1-based) of a problem, when it points at a cell. */
export function problemCell(p: Problem, grids: Map<string, Grid>): { row: number; column: number } | null {
  const grid = grids.get(tabKey(p.tab));
  if (!grid || p.row < 1) return null;
  const col = p.column ? findColumn(grid[0] ?? [], p.column) : -1;
  return { row: p.row, column: col >= 0 ? col + 1 : 1 };
}

/**
 * Link text as a formula: HYPERLINK to "#gid=…&range=…" opens the cell in the same spreadsheet. `gids`
 * holds each tab's id once asked, so the service calls do not grow with the number of problems.
 */
function link(
  p: Problem,
  sheets: Map<string, Sheet>,
  grids: Map<string, Grid>,
  gids: Map<Sheet, number>,
): string {
  const sheet = sheets.get(tabKey(p.tab));
  const cell = problemCell(p, grids);
  if (!sheet || !cell) return "";
  const ref = a1(cell.row, cell.column);
  let gid = gids.get(sheet);
  if (gid === undefined) {
    gid = sheet.getSheetId();
    gids.set(sheet, gid);
  }
  return `=HYPERLINK("#gid=${gid}&range=${ref}", "${ref}")`;
}

export function writeProblemsTab(
  ss: Spreadsheet,
  problems: readonly Problem[],
  sheets: Map<string, Sheet>,
  grids: Map<string, Grid>,
): void {
  let sheet = sheets.get(tabKey(PROBLEMS_TAB));
  if (sheet) sheet.clearContents();
  else sheet = ss.insertSheet(PROBLEMS_TAB);
  const gids = new Map<Sheet, number>();
  const rows = problems.map((p) => [
    ...[p.severity, p.tab, p.row || "", p.column, p.message, p.fix].map(literal),
    link(p, sheets, grids, gids),
  ]);
  const values = rows.length
    ? [PROBLEM_HEADERS, ...rows]
    : [PROBLEM_HEADERS, ["", "", "", "", "No problems found.", "", ""]];
  sheet.getRange(1, 1, values.length, PROBLEM_HEADERS.length).setValues(values);
}

/** A note with the lines Leadscore wrote removed; the user's own lines stay. */
function withoutOurNotes(note: string): string {
  if (!note.includes(NOTE_PREFIX)) return note;
  return note
    .split("\n")
    .filter((line) => !line.startsWith(NOTE_PREFIX))
    .join("\n");
}

/** Puts each matrix problem in a note on its cell; keeps the user's own notes, replaces our old ones. */
export function writeMatrixNotes(
  sheets: Map<string, Sheet>,
  matrix: Grid | undefined,
  problems: readonly Problem[],
): void {
  const sheet = sheets.get(tabKey(TAB.matrix));
  if (!sheet || !matrix || matrix.length === 0) return;
  const width = matrix[0].length;
  const range = sheet.getRange(1, 1, matrix.length, width);
  const notes = range.getNotes().map((row) => row.map(withoutOurNotes));
  const grids = new Map([[tabKey(TAB.matrix), matrix]]);
  for (const p of problems) {
    if (tabKey(p.tab) !== tabKey(TAB.matrix)) continue;
    const cell = problemCell(p, grids);
    if (!cell || cell.row > matrix.length || cell.column > width) continue;
    const old = notes[cell.row - 1][cell.column - 1];
    const note = `${NOTE_PREFIX}${p.message} Fix: ${p.fix}`.replace(/\n/g, " ");
    notes[cell.row - 1][cell.column - 1] = old ? `${old}\n${note}` : note;
  }
  range.setNotes(notes);
}
