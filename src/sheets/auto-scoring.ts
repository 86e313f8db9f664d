// Automatic scoring: installable edit/change/form triggers (one of each per document, as editor add-ons
// allow), incremental rescoring of the leads an edit touches, and a debounced full rescore when the
// matrix, Settings or Lists change.
import { TRIGGER_HANDLERS } from "../contract";
import { parseSettings, scoreWorkbook } from "../core";
import { findColumn } from "../core/headers";
import { TAB } from "../core/types";
import { normText } from "../core/values";
import { withDocumentLock } from "./lock";
import { ensureOutputHeaders, writeSomeRows } from "./outputs";
import { runFullScoring } from "./scoring";
import { clearState, KEY, readState, writeState } from "./state";
import { tabKey } from "./tabs";
import { BACKOFF_DEBOUNCE_MS, isBackingOff } from "./trigger-budget";
import { deleteTriggers, newTrigger, runSoon } from "./triggers";
import { readWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Above this many touched leads an incremental write costs more calls than a full rescore. */
export const INCREMENTAL_MAX_LEADS = 50;
/** A burst of matrix edits is coalesced into one full rescore this long after the last one. */
export const DEBOUNCE_MS = 30_000;

export function isAutoScoring(): boolean {
  return readState<boolean>(KEY.autoScoring) === true;
}

/** Turns automatic scoring on or off; returns the new state. Never leaves duplicate triggers. */
export function toggleAutoScoring(ss: Spreadsheet): boolean {
  return setAutoScoring(ss, !isAutoScoring());
}

export function setAutoScoring(ss: Spreadsheet, on: boolean): boolean {
  for (const handler of [TRIGGER_HANDLERS.edit, TRIGGER_HANDLERS.change, TRIGGER_HANDLERS.form])
    deleteTriggers(handler);
  if (on) {
    newTrigger(TRIGGER_HANDLERS.edit).forSpreadsheet(ss).onEdit().create();
    newTrigger(TRIGGER_HANDLERS.change).forSpreadsheet(ss).onChange().create();
    newTrigger(TRIGGER_HANDLERS.form).forSpreadsheet(ss).onFormSubmit().create();
  }
  writeState(KEY.autoScoring, on);
  return on;
}

/** Marks scores stale and makes sure exactly one debounced full rescore is pending. */
export function markStale(delayMs = DEBOUNCE_MS): void {
  writeState(KEY.staleSince, new Date().toISOString());
  runSoon(TRIGGER_HANDLERS.debounced, delayMs);
}

export function runDebouncedRescore(ss: Spreadsheet): boolean {
  deleteTriggers(TRIGGER_HANDLERS.debounced);
  if (readState<string>(KEY.staleSince) === null) return false;
  withDocumentLock(30_000, () => {
    clearState(KEY.staleSince);
    runFullScoring(ss, "edit");
  });
  return true;
}

/** Sheet rows of the leads an edit of `rows` on `tab` touches, or "all" when everything must be rescored. */
function touchedLeadRows(
  tab: string,
  firstRow: number,
  lastRow: number,
  workbook: ReturnType<typeof readWorkbook>,
): Set<number> | "all" {
  const { leads, activities, settings } = workbook.input;
  if (tab === tabKey(TAB.leads)) {
    return new Set(range(Math.max(2, firstRow), Math.min(lastRow, leads.length)));
  }
  if (tab !== tabKey(TAB.activities) || !activities) return new Set();
  const { leadKey } = parseSettings(settings).settings;
  const activityKey = findColumn(activities[0] ?? [], leadKey);
  const leadsKey = findColumn(leads[0] ?? [], leadKey);
  if (activityKey < 0 || leadsKey < 0) return "all";
  const keys = new Set<string>();
  for (let r = Math.max(2, firstRow); r <= Math.min(lastRow, activities.length); r++) {
    keys.add(normText(activities[r - 1][activityKey]));
  }
  const rows = new Set<number>();
  for (let r = 2; r <= leads.length; r++) if (keys.has(normText(leads[r - 1][leadsKey]))) rows.add(r);
  return rows;
}

/** The installable edit trigger's work. */
export function handleEdit(ss: Spreadsheet, e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const tab = tabKey(e.range.getSheet().getName());
  const rescoresAll = [TAB.matrix, TAB.settings, TAB.lists].some((t) => tabKey(t) === tab);
  if (!rescoresAll && tab !== tabKey(TAB.leads) && tab !== tabKey(TAB.activities)) return;
  // Near the day's trigger quota every edit waits for one coalesced rescore (trigger-budget.ts).
  if (isBackingOff(ss)) {
    markStale(BACKOFF_DEBOUNCE_MS);
    return;
  }
  if (rescoresAll) {
    markStale();
    return;
  }
  const firstRow = e.range.getRow();
  // A header edit (a renamed column) can change every lead's score.
  if (firstRow === 1) {
    markStale();
    return;
  }
  const lastRow = firstRow + e.range.getNumRows() - 1;
  withDocumentLock(30_000, () => {
    const workbook = readWorkbook(ss);
    const rows = touchedLeadRows(tab, firstRow, lastRow, workbook);
    if (rows === "all" || rows.size > INCREMENTAL_MAX_LEADS) {
      runFullScoring(ss, "edit");
      return;
    }
    if (rows.size === 0) return;
    rescoreRows(workbook, rows);
  });
}

/** Scores only `rows` and writes only their output cells. */
export function rescoreRows(workbook: ReturnType<typeof readWorkbook>, rows: Set<number>): void {
  const run = scoreWorkbook(workbook.input, {
    asOf: new Date(),
    timeZone: workbook.timeZone,
    onlyRows: rows,
  });
  const layout = ensureOutputHeaders(workbook.leadsSheet, workbook.input.leads, run);
  writeSomeRows(workbook.leadsSheet, layout, run, rows);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
