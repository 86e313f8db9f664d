// Runs that read what they need (docs/design/incremental-state.md): an edit reads the small tabs, the two
// header rows, the edited rows, the log rows appended since the last run and the states of the leads they
// touch; a scheduled run reads the states, the key column and the appended log rows instead of Leads and
// the whole Activity Log. Each returns false when the states cannot answer (then the caller does a full
// run, which rebuilds them), so a stale score is never written.

import { findColumn } from "../core/headers";
import { buildStates, type StoredLead, storedForm } from "../core/incremental/build";
import { incrementalSupport } from "../core/incremental/support";
import {
  type EditedRows,
  metaFor,
  planReads,
  type ReadRows,
  type SmallTabs,
  type StateMeta,
  type Updated,
  updateStates,
} from "../core/incremental/update";
import { outputLayout } from "../core/output-columns";
import { parseSettings } from "../core/settings";
import { type CellValue, TAB } from "../core/types";
import { writeOutputBlock } from "./outputs";
import { rememberResponses } from "./response-marker";
import {
  forgetStates,
  readAllStored,
  readMeta,
  scoresSheet,
  sheetStore,
  writeAllStates,
  writeSomeStates,
} from "./score-state";
import { readGrid, sheetsByName, tabKey } from "./tabs";
import type { SheetWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A scheduled run reads everything at least this often, whatever the states say. */
export const FULL_CHECK_EVERY_MS = 24 * 3_600_000;

export interface Layout {
  tabs: SmallTabs;
  sheets: Map<string, Sheet>;
  leads: Sheet;
  log: Sheet | undefined;
  lastRows: { leads: number; log: number };
  widths: { leads: number; log: number };
}

/** The small tabs whole, and only the header row and size of Leads and the Activity Log. */
export function readLayout(ss: Spreadsheet): Layout | null {
  const sheets = sheetsByName(ss);
  const leads = sheets.get(tabKey(TAB.leads));
  if (!leads) return null;
  const log = sheets.get(tabKey(TAB.activities));
  const grid = (name: string) => {
    const sheet = sheets.get(tabKey(name));
    return sheet ? readGrid(sheet) : undefined;
  };
  const header = (sheet: Sheet, width: number): CellValue[] =>
    width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[]) : [];
  const widths = { leads: leads.getLastColumn(), log: log ? log.getLastColumn() : 0 };
  return {
    tabs: {
      matrix: grid(TAB.matrix),
      settings: grid(TAB.settings),
      lists: grid(TAB.lists),
      leadHeader: header(leads, widths.leads),
      activityHeader: log ? header(log, widths.log) : undefined,
      timeZone: ss.getSpreadsheetTimeZone(),
    },
    sheets,
    leads,
    log,
    lastRows: { leads: leads.getLastRow(), log: log ? log.getLastRow() : 0 },
    widths,
  };
}

/** The 0-based Leads column of the lead key (Settings), -1 when the tab lacks it. */
function leadKeyColumn(at: Layout): number {
  return findColumn(at.tabs.leadHeader, parseSettings(at.tabs.settings).settings.leadKey);
}

/** Runs of consecutive rows. */
function runsOf(rows: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

/** Whole Leads rows (sorted row numbers), one read per run of consecutive rows. */
export function readLeadRows(at: Layout, leadRows: readonly number[]): Map<number, CellValue[]> {
  const rows = new Map<number, CellValue[]>();
  for (const [from, to] of runsOf(leadRows)) {
    const block = at.leads.getRange(from, 1, to - from + 1, at.widths.leads).getValues() as CellValue[][];
    block.forEach((row, i) => {
      rows.set(from + i, row);
    });
  }
  return rows;
}

/** The rows a plan names: Leads rows in runs, the appended log rows in one read. */
function readPlanned(at: Layout, leadRows: readonly number[], logFrom: number, logTo: number): ReadRows {
  const rows = readLeadRows(at, leadRows);
  const appended =
    at.log && logTo >= logFrom && at.widths.log > 0
      ? (at.log.getRange(logFrom, 1, logTo - logFrom + 1, at.widths.log).getValues() as CellValue[][])
      : [];
  return { leadRows: rows, appended, keysAt: (asked) => readKeys(at, asked) };
}

/** The Leads key cells of these rows, one read per run of consecutive rows (none without a key column). */
function readKeys(at: Layout, rows: readonly number[]): Map<number, CellValue> {
  const keys = new Map<number, CellValue>();
  const col = leadKeyColumn(at);
  if (col < 0) return keys;
  for (const [from, to] of runsOf([...rows].sort((a, b) => a - b))) {
    if (from > at.lastRows.leads) break;
    const last = Math.min(to, at.lastRows.leads);
    at.leads
      .getRange(from, col + 1, last - from + 1, 1)
      .getValues()
      .forEach((row, i) => {
        keys.set(from + i, row[0] as CellValue);
      });
  }
  return keys;
}

/** Writes the outputs and the states an update computed; false when output headers are missing. */
function commit(at: Layout, meta: StateMeta, result: Updated, sheet: Sheet): boolean {
  const layout = outputLayout(at.tabs.leadHeader, result.outputHeaders);
  if (layout.appended.length > 0) return false; // the full run adds them
  const rows = [...result.outputs.keys()].sort((a, b) => a - b);
  for (const [from, to] of runsOf(rows)) writeOutputBlock(at.leads, layout, from, to, result.outputs);
  writeSomeStates(sheet, result.leads, result.buckets, {
    ...meta,
    leadRows: at.lastRows.leads,
    logRows: at.lastRows.log,
  });
  return true;
}

/** The edit trigger's rescore from the states; false when a full run is needed instead. */
export function rescoreIncrementally(
  ss: Spreadsheet,
  edits: readonly { tab: string; firstRow: number; lastRow: number }[],
  asOf = new Date(),
): boolean {
  const meta = readMeta();
  if (!meta) return false;
  const at = readLayout(ss);
  const sheet = at && scoresSheet(at.sheets);
  if (!at || !sheet) return false;
  const edited: EditedRows[] = edits.map((e) => ({
    tab: e.tab === tabKey(TAB.leads) ? "leads" : "activities",
    firstRow: e.firstRow,
    lastRow: e.lastRow,
  }));
  const plan = planReads(meta, at.lastRows, edited, at.widths.log);
  if (plan.full !== null) return false;
  const read = readPlanned(at, plan.leadRows, plan.logFrom, plan.logTo);
  const result = updateStates(at.tabs, meta, read, sheetStore(sheet), asOf);
  return result.full === null && commit(at, meta, result, sheet);
}

/**
 * The scheduled run's rescore of every lead from the states (decay, and the activities appended since),
 * or null when a full run is needed: the states are a day old, or unwatched edits may have changed Leads
 * (automatic scoring off). Returns the rows scored with their tier.
 */
export function rescoreAllIncrementally(
  ss: Spreadsheet,
  asOf: Date,
  watched: boolean,
): { at: Layout; result: Updated; keys: CellValue[]; commit: () => boolean } | null {
  const meta = readMeta();
  if (!meta || !watched || asOf.getTime() - meta.checkedAt >= FULL_CHECK_EVERY_MS) return null;
  const at = readLayout(ss);
  const sheet = at && scoresSheet(at.sheets);
  if (!at || !sheet) return null;
  const plan = planReads(meta, at.lastRows, [], at.widths.log);
  if (plan.full !== null) return null;
  const read = readPlanned(at, plan.leadRows, plan.logFrom, plan.logTo);
  const keyCol = leadKeyColumn(at);
  if (keyCol < 0 || meta.leadRows < 2) return null;
  const keys = at.leads
    .getRange(2, keyCol + 1, meta.leadRows - 1, 1)
    .getValues()
    .map((row) => row[0] as CellValue);
  const stored: StoredLead[] = readAllStored(sheet, meta.leadRows);
  const result = updateStates(at.tabs, meta, read, sheetStore(sheet), asOf, { stored, keys });
  if (result.full !== null) return null;
  return { at, result, keys, commit: () => commit(at, meta, result, sheet) };
}

/**
 * After a run that read the whole workbook: every lead's state from what it read, and what they cover (the
 * rows read; the small tabs and headers as they are now, output headers included); and the form responses
 * the log records (response-marker.ts), so the next response need not read the log again.
 */
export function storeStates(ss: Spreadsheet, workbook: SheetWorkbook, asOf: Date): void {
  const { input } = workbook;
  const built = buildStates(input, asOf, workbook.timeZone);
  const support = incrementalSupport(built.model.wb);
  if (!support.incremental) {
    forgetStates(`${support.reason}, so every run reads every row`, asOf.getTime());
    return;
  }
  const { rows, buckets } = storedForm(built);
  // The tabs as read; the Leads header as it is now, read again only when the run appended output headers.
  const header = input.leads[0] ?? [];
  const width = workbook.leadsSheet.getLastColumn();
  const tabs: SmallTabs = {
    matrix: input.matrix,
    settings: input.settings,
    lists: input.lists,
    leadHeader:
      outputLayout(header, built.outputHeaders).appended.length === 0 && header.length === width
        ? header
        : (workbook.leadsSheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[]),
    activityHeader: input.activities ? (input.activities[0] ?? []) : undefined,
    timeZone: workbook.timeZone,
  };
  const meta = metaFor(
    tabs,
    input.leads.length,
    input.activities?.length ?? 0,
    buckets.length,
    asOf.getTime(),
  );
  writeAllStates(ss, workbook.sheets, rows, buckets, meta);
  rememberResponses(meta.fingerprint, input.activities);
}
