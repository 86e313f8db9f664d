// "Check the matrix": validates every tab without scoring and shows the problems where the user looks.
import { validateWorkbook } from "../core";
import { workbookGrids } from "./grids";
import { writeMatrixNotes, writeProblemsTab } from "./problems-tab";
import { readWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function checkMatrix(ss: Spreadsheet): number {
  const workbook = readWorkbook(ss);
  const problems = validateWorkbook(workbook.input, workbook.timeZone);
  writeProblemsTab(ss, problems, workbook.sheets, workbookGrids(workbook));
  writeMatrixNotes(workbook.sheets, workbook.input.matrix, problems);
  ss.toast(
    problems.length === 0
      ? "No problems: every rule, setting and activity reads correctly."
      : `${problems.length} problem${problems.length === 1 ? "" : "s"} found. See the Problems tab.`,
    "Leadscore check",
    8,
  );
  return problems.length;
}
