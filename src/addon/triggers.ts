// Installable trigger handlers (time-driven, edit, change, form submit). Thin calls into src/sheets. A
// feature's trigger first asks whether it still does its feature's work (another editor may have turned it
// off or taken it over); if not, the trigger has deleted itself and the run ends.
import { markStale } from "../sheets/auto-scoring";
import { continueLocked, intakeOrQueue, rescoreEditOrQueue, runFollowUp } from "../sheets/locked-run";
import { runScheduled } from "../sheets/scheduled-run";
import { mayRun, type TriggerEvent } from "../sheets/trigger-guard";

const active = () => SpreadsheetApp.getActiveSpreadsheet();

export function onEditAutoScore(e: GoogleAppsScript.Events.SheetsOnEdit & TriggerEvent): void {
  if (!mayRun("autoScoring", e)) return;
  rescoreEditOrQueue(active(), e);
}

/** Structural changes (rows inserted or removed, sort) can move any lead: rescore everything, debounced. */
export function onChangeAutoScore(e: { changeType?: string } & TriggerEvent): void {
  if (!mayRun("autoScoring", e)) return;
  if (e?.changeType && e.changeType !== "EDIT") markStale();
}

export function onFormSubmitIntake(e: GoogleAppsScript.Events.SheetsOnFormSubmit & TriggerEvent): void {
  if (!mayRun("autoScoring", e)) return;
  intakeOrQueue(active(), e);
}

/**
 * The follow-up run: the work queued while another run held the lock, and the debounced full rescore. Not
 * a feature's trigger: work that was queued is done whoever's follow-up finds it (under the lock, once).
 */
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
export function scheduledRun(e?: TriggerEvent): void {
  if (!mayRun("schedule", e)) return;
  runScheduled(active());
}
