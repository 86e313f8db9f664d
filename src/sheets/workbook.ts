// The workbook as the engine sees it: each tab read once, with one getValues call.
import { TAB, type WorkbookInput } from "../core/types";
import { readGrid, sheetsByName, tabKey } from "./tabs";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SheetWorkbook {
  input: WorkbookInput;
  /** The Leads tab, which outputs are written to. */
  leadsSheet: Sheet;
  sheets: Map<string, Sheet>;
  timeZone: string;
}

export class MissingTabError extends Error {}

export function readWorkbook(ss: Spreadsheet): SheetWorkbook {
  const sheets = sheetsByName(ss);
  const grid = (name: string) => {
    const sheet = sheets.get(tabKey(name));
    return sheet ? readGrid(sheet) : undefined;
  };
  const leadsSheet = sheets.get(tabKey(TAB.leads));
  if (!leadsSheet) {
    throw new MissingTabError(
      `This spreadsheet has no "${TAB.leads}" tab. Run Leadscore ▸ Set up workbook first.`,
    );
  }
  return {
    input: {
      leads: readGrid(leadsSheet),
      matrix: grid(TAB.matrix),
      activities: grid(TAB.activities),
      settings: grid(TAB.settings),
      lists: grid(TAB.lists),
    },
    leadsSheet,
    sheets,
    timeZone: ss.getSpreadsheetTimeZone(),
  };
}
