// What custom functions read from the spreadsheet besides their arguments (read-only, as Sheets allows):
// the time zone and the Lists tab, which `in list @Name` rules need but LEADSCORE takes no argument for.
import type { FormulaContext } from "../core/formulas";
import { TAB } from "../core/types";
import { readGrid, sheetsByName, tabKey } from "./tabs";

export function formulaContext(): FormulaContext {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const lists = sheetsByName(ss).get(tabKey(TAB.lists));
  return {
    timeZone: ss.getSpreadsheetTimeZone(),
    lists: lists ? readGrid(lists) : undefined,
    now: new Date(),
  };
}
