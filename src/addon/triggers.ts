// Installable trigger handlers (time-driven, edit, change, form submit). Thin calls into src/sheets.
import { handleEdit, markStale, runDebouncedRescore } from "../sheets/auto-scoring";
import { handleFormSubmit } from "../sheets/form-intake";
import { runScheduled } from "../sheets/scheduled-run";
import { continueFromCheckpoint } from "../sheets/scoring";

const active = () => SpreadsheetApp.getActiveSpreadsheet();

export function onEditAutoScore(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  handleEdit(active(), e);
}

/** Structural changes (rows inserted or removed, sort) can move any lead: rescore everything, debounced. */
export function onChangeAutoScore(e: { changeType?: string }): void {
  if (e?.changeType && e.changeType !== "EDIT") markStale();
}

export function onFormSubmitIntake(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  handleFormSubmit(active(), e);
}

export function debouncedRescore(): void {
  runDebouncedRescore(active());
}

export function continueScoring(): void {
  continueFromCheckpoint(active());
}

/**
 * The schedule's time-driven trigger: rescore every lead as of now (so decay lowers quiet leads), record
 * tier changes in Score History, and email the leads that entered a notify tier (src/sheets/scheduled-run.ts).
 */
export function scheduledRun(): void {
  runScheduled(active());
}
