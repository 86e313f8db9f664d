// What custom functions read from the spreadsheet besides their arguments (read-only, as Sheets allows):
// the time zone, and the Lists tab when `in list @Name` rules need it and no lists argument was passed.
import type { FormulaContext } from "../core/formulas";
import { TAB } from "../core/types";
import { readGrid, sheetsByName, tabKey } from "./tabs";

export function formulaContext(): FormulaContext {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return {
    timeZone: ss.getSpreadsheetTimeZone(),
    lists() {
      const sheet = sheetsByName(ss).get(tabKey(TAB.lists));
      return sheet ? readGrid(sheet) : undefined;
    },
    now: new Date(),
  };
}
