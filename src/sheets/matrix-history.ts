// The Matrix History tab (owned by the add-on, append-only): every matrix the add-on replaced, as a block of
// rows sharing one "Saved At" time, so restoring a version is "take the rows with that Saved At".
import { findColumn } from "../core";
import { withHeaders } from "../core/headers";
import type { CellValue, Grid } from "../core/types";
import { isBlank } from "../core/values";
import { matrixRows, RULE_COLUMNS, remap, ruleColumnsFor, writeBlock } from "./matrix-tab";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const HISTORY_TAB = "Matrix History";
export const SAVED_AT = "Saved At";

export interface HistoryVersion {
  /** ISO time, whole seconds: Sheets keeps date-times to the second. */
  savedAt: string;
  /** Rule rows in RULE_COLUMNS order. */
  rules: CellValue[][];
}

/** Whole seconds since the epoch of a Saved At cell (a date-time, or ISO text typed by hand); null if neither. */
function savedSecond(v: CellValue | undefined): number | null {
  if (v instanceof Date || Object.prototype.toString.call(v) === "[object Date]") {
    return Math.floor((v as Date).getTime() / 1000);
  }
  if (typeof v === "string" && v.trim()) {
    const ms = Date.parse(v.trim());
    return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
  }
  return null;
}

/** Second of an ISO time from the sidebar; throws on anything else. */
export function secondOf(iso: string): number {
  const ms = Date.parse(String(iso));
  if (Number.isNaN(ms)) throw new Error(`"${iso}" is not a saved matrix time.`);
  return Math.floor(ms / 1000);
}

/** The saved versions, oldest first. */
export function historyVersions(grid: Grid | undefined): HistoryVersion[] {
  if (!grid || grid.length === 0) return [];
  const at = findColumn(grid[0], SAVED_AT);
  if (at < 0) return [];
  const bySecond = new Map<number, Grid>();
  for (let r = 1; r < grid.length; r++) {
    const second = savedSecond(grid[r][at]);
    if (second === null) continue;
    const rows = bySecond.get(second) ?? [grid[0]];
    rows.push(grid[r]);
    bySecond.set(second, rows);
  }
  return [...bySecond.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([second, rows]) => ({ savedAt: new Date(second * 1000).toISOString(), rules: matrixRows(rows) }));
}

/**
 * Appends `rules` as a new version and returns its Saved At. The time is made unique (one second past the
 * newest version at least), so two saves in the same second never merge into one version.
 */
export function appendVersion(
  ss: Spreadsheet,
  sheet: Sheet | undefined,
  grid: Grid,
  rules: CellValue[][],
  now: Date,
): string {
  const newest = historyVersions(grid).at(-1);
  let second = Math.floor(now.getTime() / 1000);
  if (newest) second = Math.max(second, Math.floor(Date.parse(newest.savedAt) / 1000) + 1);
  const savedAt = new Date(second * 1000);
  const tab = sheet ?? ss.insertSheet(HISTORY_TAB);
  const empty = grid.every((row) => row.every((v) => isBlank(v)));
  const oldHeaders = empty ? [] : (grid[0] ?? []);
  const headers = withHeaders(oldHeaders, [SAVED_AT, ...ruleColumnsFor(rules)]);
  const at = findColumn(headers, SAVED_AT);
  // An empty matrix is still a version: one row holding only its time.
  const block = remap(rules.length ? rules : [[]], RULE_COLUMNS, headers);
  for (const row of block) row[at] = savedAt;
  const first = empty ? 2 : grid.length + 1;
  if (empty) writeBlock(tab, 1, 1, [headers, ...block], headers);
  else {
    if (headers.length !== oldHeaders.length) writeBlock(tab, 1, 1, [headers]);
    writeBlock(tab, first, 1, block, headers);
  }
  tab.getRange(first, at + 1, block.length, 1).setNumberFormat("yyyy-mm-dd hh:mm:ss");
  return savedAt.toISOString();
}
