// Installable trigger handlers (time-driven, edit, change, form submit). Thin calls into src/sheets.
import { handleEdit, markStale, runDebouncedRescore } from "../sheets/auto-scoring";
import { handleFormSubmit } from "../sheets/form-intake";
import { withDocumentLock } from "../sheets/lock";
import { continueFromCheckpoint, runFullScoring } from "../sheets/scoring";

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

/** The schedule's time-driven trigger: rescore every lead as of now, so decay lowers quiet leads. */
export function scheduledRun(): void {
  withDocumentLock(60_000, () => runFullScoring(active(), "schedule"));
}
