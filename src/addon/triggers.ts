// Installable trigger handlers (time-driven, edit, change, form submit). Thin calls into src/sheets.
import { markStale } from "../sheets/auto-scoring";
import { continueLocked, intakeOrQueue, rescoreEditOrQueue, runFollowUp } from "../sheets/locked-run";
import { runScheduled } from "../sheets/scheduled-run";

const active = () => SpreadsheetApp.getActiveSpreadsheet();

export function onEditAutoScore(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  rescoreEditOrQueue(active(), e);
}

/** Structural changes (rows inserted or removed, sort) can move any lead: rescore everything, debounced. */
export function onChangeAutoScore(e: { changeType?: string }): void {
  if (e?.changeType && e.changeType !== "EDIT") markStale();
}

export function onFormSubmitIntake(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  intakeOrQueue(active(), e);
}

/** The follow-up run: the work queued while another run held the lock, and the debounced full rescore. */
export function debouncedRescore(): void {
  runFollowUp(active());
}

export function continueScoring(): void {
  continueLocked(active());
}

/**
 * The schedule's time-driven trigger: rescore every lead as of now (so decay lowers quiet leads), record
 * tier changes in Score History, and email the leads that entered a notify tier (src/sheets/scheduled-run.ts).
 */
export function scheduledRun(): void {
  runScheduled(active());
}
