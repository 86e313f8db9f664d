// The tabs setup creates: their starting contents (all from the engine's templates) and the polish applied
// to a tab setup has just made. Nothing here ever runs on a tab the user already had.

import { ACTIVITY_HEADERS, defaultListsGrid, defaultSettingsGrid, starterMatrix } from "../core";
import { findColumn, normalizeHeader } from "../core/headers";
import { OPERATORS } from "../core/operators";
import type { CellValue, Grid } from "../core/types";
import { TAB } from "../core/types";
import { isBlank } from "../core/values";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export interface TabTemplate {
  name: string;
  /** Row 0 = headers. */
  grid: Grid;
  /** Adds validations and sizing to the freshly written tab. */
  decorate?: (sheet: Sheet, grid: Grid, maxRows: number) => void;
  /** Column widths in pixels by header; the rest get DEFAULT_WIDTH. */
  widths?: Record<string, number>;
  /**
   * Columns formatted as plain text before writing, so Sheets keeps what is written or typed as is: an
   * Operator `=` or `>=` is not taken for a formula, a Value `5000` stays the text the template holds.
   */
  textColumns?: string[];
}

const DEFAULT_WIDTH = 120;

/** The groups the engine falls back to; offered in the Group dropdown before any typed group. */
export const DEFAULT_GROUPS = ["Fit", "Engagement"];
const SOURCES = ["Lead", "Activity"];

/** Every tab setup can create, in the order they are added, each with its starting grid. */
export function tabTemplates(leadsHeaders: readonly string[]): TabTemplate[] {
  return [
    { name: TAB.leads, grid: [leadsHeaders.slice()], widths: { "Top Reasons": 320, Email: 220 } },
    {
      name: TAB.activities,
      grid: [ACTIVITY_HEADERS.slice()],
      widths: { Email: 220, Detail: 260, Timestamp: 160 },
    },
    {
      name: TAB.matrix,
      grid: starterMatrix(),
      decorate: decorateMatrix,
      widths: { Rule: 240, Value: 200 },
      textColumns: ["Operator", "Value"],
    },
    { name: TAB.settings, grid: defaultSettingsGrid(), decorate: decorateSettings, widths: { Setting: 160 } },
    { name: TAB.lists, grid: defaultListsGrid(), widths: { "Free email": 180, Competitors: 180 } },
  ];
}

/** A rectangular copy (setValues needs one) with nulls as blanks. */
export function rectangular(grid: Grid): CellValue[][] {
  const width = Math.max(1, ...grid.map((r) => r.length));
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
}

/** Writes a new tab's grid (one setValues), bolds and freezes its header row and sizes its columns. */
export function fillNewTab(sheet: Sheet, template: TabTemplate): void {
  const values = rectangular(template.grid);
  const width = values[0].length;
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < width) sheet.insertColumnsAfter(maxColumns, width - maxColumns);
  const maxRows = sheet.getMaxRows();
  if (maxRows < values.length + 1) sheet.insertRowsAfter(maxRows, values.length + 1 - maxRows);
  const rows = Math.max(maxRows, values.length + 1);
  for (const header of template.textColumns ?? []) {
    const col = findColumn(values[0], header);
    if (col >= 0) sheet.getRange(1, col + 1, rows, 1).setNumberFormat("@");
  }
  sheet.getRange(1, 1, values.length, width).setValues(values);
  sheet.getRange(1, 1, 1, width).setFontWeight("bold");
  sheet.setFrozenRows(1);
  sheet.setColumnWidths(1, width, DEFAULT_WIDTH);
  // A handful of wider columns: one call each, bounded by the template, never by the data.
  for (const [header, px] of Object.entries(template.widths ?? {})) {
    const col = findColumn(values[0], header);
    if (col >= 0) sheet.setColumnWidth(col + 1, px);
  }
  template.decorate?.(sheet, values, rows);
}

/** Rows 2..maxRows of a column (the whole data area), so rules typed later get the dropdown too. */
function dataColumn(sheet: Sheet, col: number, maxRows: number): Range {
  return sheet.getRange(2, col + 1, maxRows - 1, 1);
}

function dropdown(values: string[], allowInvalid: boolean): GoogleAppsScript.Spreadsheet.DataValidation {
  return SpreadsheetApp.newDataValidation()
    .requireValueInList(values, true)
    .setAllowInvalid(allowInvalid)
    .build();
}

/** Distinct non-blank cells of a column below the header, first spelling wins, after `first`. */
export function distinctColumn(grid: Grid, col: number, first: readonly string[]): string[] {
  const seen = new Set(first.map(normalizeHeader));
  const out = first.slice();
  for (let r = 1; r < grid.length; r++) {
    const v = grid[r][col];
    if (isBlank(v)) continue;
    const key = normalizeHeader(String(v));
    if (!seen.has(key)) {
      seen.add(key);
      out.push(String(v).trim());
    }
  }
  return out;
}

/** Number of filled rows under the header in a column (the length of a side-by-side Settings table). */
function filledRows(grid: Grid, col: number): number {
  let n = 0;
  while (n + 1 < grid.length && !isBlank(grid[n + 1][col])) n++;
  return n;
}

function decorateMatrix(sheet: Sheet, grid: Grid, maxRows: number): void {
  const headers = grid[0];
  const col = (name: string) => findColumn(headers, name);
  // Active: a checkbox only on the starter rules. A blank Active means active, but a blank cell under a
  // checkbox rule would show an unchecked box, contradicting it. New rules are typed without a checkbox.
  const active = col("Active");
  const rules = grid.length - 1;
  if (active >= 0 && rules > 0) {
    sheet
      .getRange(2, active + 1, rules, 1)
      .setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
  }
  const source = col("Source");
  if (source >= 0) dataColumn(sheet, source, maxRows).setDataValidation(dropdown(SOURCES, false));
  // Operator aliases (`is`, `equals`, ...) are valid for the engine, so other text gets a warning, not a refusal.
  const operator = col("Operator");
  if (operator >= 0) dataColumn(sheet, operator, maxRows).setDataValidation(dropdown([...OPERATORS], true));
  // Groups are free text: the dropdown suggests the known ones, new names are allowed.
  const group = col("Group");
  if (group >= 0) {
    dataColumn(sheet, group, maxRows).setDataValidation(
      dropdown(distinctColumn(grid, group, DEFAULT_GROUPS), true),
    );
  }
}

function decorateSettings(sheet: Sheet, grid: Grid): void {
  // Notify belongs to the Tier table only: a checkbox on each default tier row.
  const headers = grid[0];
  const tier = findColumn(headers, "Tier");
  const notify = findColumn(headers, "Notify");
  const tiers = tier >= 0 ? filledRows(grid, tier) : 0;
  if (notify >= 0 && tiers > 0) {
    sheet
      .getRange(2, notify + 1, tiers, 1)
      .setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
  }
}
