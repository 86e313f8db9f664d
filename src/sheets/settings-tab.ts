// Writes to the Settings tab, the single source of truth for tiers, limits, grades and notification settings.
// Tables are found by their header cells in row 1, like the engine reads them; each write is one call.
import { findSettingsTable, normalizeHeader } from "../core";
import { settingKey } from "../core/known-settings";
import { type CellValue, type Grid, TAB } from "../core/types";
import { isBlank } from "../core/values";
import { tabKey } from "./tabs";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export class SettingsTabError extends Error {}

function settingsSheet(sheets: Map<string, Sheet>): Sheet {
  const sheet = sheets.get(tabKey(TAB.settings));
  if (!sheet)
    throw new SettingsTabError(`There is no "${TAB.settings}" tab. Run Leadscore ▸ Set up workbook first.`);
  return sheet;
}

/** Number of data rows of the table starting at column `col`: rows until the first blank first cell. */
function tableRows(grid: Grid, col: number): number {
  let n = 0;
  while (n + 1 < grid.length && !isBlank(grid[n + 1][col])) n++;
  return n;
}

/** Sets one `Setting | Value` row (found under any spelling of the setting), adding it under the table when missing. */
export function writeSetting(sheets: Map<string, Sheet>, grid: Grid, name: string, value: CellValue): void {
  const sheet = settingsSheet(sheets);
  const table = findSettingsTable(grid[0] ?? [], "setting", ["value"]);
  if (!table) throw new SettingsTabError(`The ${TAB.settings} tab has no "Setting | Value" table in row 1.`);
  const valueCol = table.cols.value;
  const want = settingKey(name);
  const rows = tableRows(grid, table.col);
  for (let r = 1; r <= rows; r++) {
    if (settingKey(grid[r][table.col]) === want) {
      sheet.getRange(r + 1, valueCol + 1).setValue(value);
      return;
    }
  }
  // The name and value columns are adjacent in every layout setup writes; write both in one call if so.
  if (valueCol === table.col + 1) {
    sheet.getRange(rows + 2, table.col + 1, 1, 2).setValues([[name, value]]);
  } else {
    sheet.getRange(rows + 2, table.col + 1).setValue(name);
    sheet.getRange(rows + 2, valueCol + 1).setValue(value);
  }
}

/**
 * Replaces the data rows of a side-by-side table (e.g. Tier | Min Score | Notify) with `rows`, whose cells
 * follow `headers`. Leftover old rows are blanked. Columns of the table not in `headers` are kept.
 */
export function writeTable(
  sheets: Map<string, Sheet>,
  grid: Grid,
  headers: string[],
  rows: CellValue[][],
): void {
  const sheet = settingsSheet(sheets);
  const wanted = headers.map(normalizeHeader);
  const table = findSettingsTable(grid[0] ?? [], wanted[0], wanted.slice(1));
  if (!table)
    throw new SettingsTabError(`The ${TAB.settings} tab has no "${headers.join(" | ")}" table in row 1.`);
  const columns = [table.col, ...wanted.slice(1).map((h) => table.cols[h])];
  if (columns.some((c) => c < 0)) {
    throw new SettingsTabError(
      `The ${TAB.settings} tab's "${headers[0]}" table lacks a column: ${headers.join(", ")}.`,
    );
  }
  const left = Math.min(...columns);
  const width = Math.max(...columns) - left + 1;
  const height = Math.max(tableRows(grid, table.col), rows.length);
  if (height === 0) return;
  const block: CellValue[][] = [];
  for (let r = 0; r < height; r++) {
    const current = grid[r + 1] ?? [];
    const line: CellValue[] = Array.from({ length: width }, (_, i) => current[left + i] ?? "");
    columns.forEach((c, i) => {
      line[c - left] = r < rows.length ? rows[r][i] : "";
    });
    block.push(line);
  }
  sheet.getRange(2, left + 1, height, width).setValues(block);
}
