// Automatic scoring: installable edit/change/form triggers (one of each per document, as editor add-ons
// allow), incremental rescoring of the leads an edit touches, and a debounced full rescore when the
// matrix, Settings or Lists change. The work runs under the document lock, or is queued (locked-run.ts); the triggers are the
// editor's who turned it on (feature-owner.ts).
import { TRIGGER_HANDLERS } from "../contract";
import { parseSettings, scoreWorkbook } from "../core";
import { findColumn } from "../core/headers";
import { TAB } from "../core/types";
import { normText } from "../core/values";
import { recordOwner } from "./feature-owner";
import { rescoreIncrementally, storeStates } from "./incremental-run";
import { ensureOutputHeaders, writeSomeRows } from "./outputs";
import { type PendingItem, pendingWork, queueWork } from "./pending-work";
import { forgetStates } from "./score-state";
import { runFullScoring } from "./scoring";
import { KEY, readState, writeState } from "./state";
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
  // Edits made while it was off were never seen: the lead states are rebuilt by the next run.
  if (on) forgetStates("automatic scoring was turned on, and edits made while it was off were not scored");
  writeState(KEY.autoScoring, on);
  recordOwner("autoScoring", on);
  // Taking over from another editor with work still queued: this user's follow-up is pending too (whichever
  // runs first does the queue, under the lock, once).
  if (on && pendingWork().length > 0) runSoon(TRIGGER_HANDLERS.debounced, DEBOUNCE_MS);
  return on;
}

/** Queues a full rescore and makes sure one debounced follow-up run is pending (it does the queue). */
export function markStale(delayMs = DEBOUNCE_MS): void {
  queueWork({ kind: "all" });
  runSoon(TRIGGER_HANDLERS.debounced, delayMs);
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

export type EditWork = Extract<PendingItem, { kind: "edit" }>;

/**
 * What an installable edit asks for: the edited rows of Leads or the Activity Log, to rescore the leads they
 * touch; a matrix, Settings, Lists or header edit marks everything stale instead (null: nothing more to do).
 */
export function editWork(ss: Spreadsheet, e: GoogleAppsScript.Events.SheetsOnEdit): EditWork | null {
  const tab = tabKey(e.range.getSheet().getName());
  const rescoresAll = [TAB.matrix, TAB.settings, TAB.lists].some((t) => tabKey(t) === tab);
  if (!rescoresAll && tab !== tabKey(TAB.leads) && tab !== tabKey(TAB.activities)) return null;
  // Near the day's trigger quota a rescore of everything waits longer, so edits coalesce (trigger-budget.ts).
  const delay = () => (isBackingOff(ss) ? BACKOFF_DEBOUNCE_MS : DEBOUNCE_MS);
  const firstRow = e.range.getRow();
  // A matrix, Settings or Lists edit, or a header edit (a renamed column), can change every lead's score.
  if (rescoresAll || firstRow === 1) {
    markStale(delay());
    return null;
  }
  return { kind: "edit", tab, firstRow, lastRow: firstRow + e.range.getNumRows() - 1 };
}

/** Rescores the leads these edits touch, with one read of the workbook (all of them past the limit). */
export function rescoreEdits(ss: Spreadsheet, edits: readonly EditWork[]): void {
  // From the lead states when they can tell (incremental-run.ts); else one full read, which rebuilds them.
  if (rescoreIncrementally(ss, edits)) return;
  const workbook = readWorkbook(ss);
  const rows = new Set<number>();
  for (const { tab, firstRow, lastRow } of edits) {
    const touched = touchedLeadRows(tab, firstRow, lastRow, workbook);
    if (touched === "all") {
      runFullScoring(ss, "edit");
      return;
    }
    for (const r of touched) rows.add(r);
  }
  if (rows.size > INCREMENTAL_MAX_LEADS) {
    runFullScoring(ss, "edit");
    return;
  }
  if (rows.size > 0) rescoreRows(workbook, rows);
  storeStates(ss, workbook, new Date());
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
