// Installable trigger handlers (time-driven, edit, change, form submit). Thin calls into src/sheets. Each
// first asks whether its trigger still does its feature's work (another editor may have turned it off or
// taken it over); if not, the trigger has deleted itself and the run ends.
import { handleEdit, markStale, runDebouncedRescore } from "../sheets/auto-scoring";
import { handleFormSubmit } from "../sheets/form-intake";
import { runScheduled } from "../sheets/scheduled-run";
import { continueFromCheckpoint } from "../sheets/scoring";
import { mayRun, type TriggerEvent } from "../sheets/trigger-guard";

const active = () => SpreadsheetApp.getActiveSpreadsheet();

export function onEditAutoScore(e: GoogleAppsScript.Events.SheetsOnEdit & TriggerEvent): void {
  if (!mayRun("autoScoring", e)) return;
  handleEdit(active(), e);
}

/** Structural changes (rows inserted or removed, sort) can move any lead: rescore everything, debounced. */
export function onChangeAutoScore(e: { changeType?: string } & TriggerEvent): void {
  if (!mayRun("autoScoring", e)) return;
  if (e?.changeType && e.changeType !== "EDIT") markStale();
}

export function onFormSubmitIntake(e: GoogleAppsScript.Events.SheetsOnFormSubmit & TriggerEvent): void {
  if (!mayRun("autoScoring", e)) return;
  handleFormSubmit(active(), e);
}

export function debouncedRescore(e?: TriggerEvent): void {
  if (!mayRun("autoScoring", e)) return;
  runDebouncedRescore(active());
}

export function continueScoring(): void {
  continueFromCheckpoint(active());
}

/**
 * The schedule's time-driven trigger: rescore every lead as of now (so decay lowers quiet leads), record
 * tier changes in Score History, and email the leads that entered a notify tier (src/sheets/scheduled-run.ts).
 */
export function scheduledRun(e?: TriggerEvent): void {
  if (!mayRun("schedule", e)) return;
  runScheduled(active());
}
