// Finding the workbook's tabs by name (trimmed, case-insensitive), the way users expect.
import { normalizeHeader } from "../core/headers";
import type { Grid } from "../core/types";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A tab name's lookup key: tab names match the way headers do. */
export const tabKey: (name: string) => string = normalizeHeader;

/** Every tab, keyed by its normalized name, from one getSheets call. */
export function sheetsByName(ss: Spreadsheet): Map<string, Sheet> {
  const map = new Map<string, Sheet>();
  for (const sheet of ss.getSheets()) {
    const key = tabKey(sheet.getName());
    if (!map.has(key)) map.set(key, sheet);
  }
  return map;
}

/** All values of a tab in one getValues call. */
export function readGrid(sheet: Sheet): Grid {
  return sheet.getDataRange().getValues() as Grid;
}
