// Installable trigger handlers (time-driven, edit, change, form submit). Thin calls into src/sheets.
import { handleEdit, markStale, runDebouncedRescore } from "../sheets/auto-scoring";
import { changeMayAffectScores } from "../sheets/change-filter";
import { handleFormSubmit } from "../sheets/form-intake";
import { runScheduled } from "../sheets/scheduled-run";
import { continueFromCheckpoint } from "../sheets/scoring";
import { BACKOFF_DEBOUNCE_MS, budgeted, isBackingOff } from "../sheets/trigger-budget";

const active = () => SpreadsheetApp.getActiveSpreadsheet();

// Every handler runs `budgeted`: its runtime is added to the user's daily trigger tally (trigger-budget.ts).

export function onEditAutoScore(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  budgeted(() => handleEdit(active(), e));
}

/** Structural changes (rows inserted or removed, sort) can move any lead: rescore everything, debounced. */
export function onChangeAutoScore(e: { changeType?: string }): void {
  budgeted(() => {
    const ss = active();
    if (changeMayAffectScores(ss, e?.changeType))
      markStale(isBackingOff(ss) ? BACKOFF_DEBOUNCE_MS : undefined);
  });
}

export function onFormSubmitIntake(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  budgeted(() => handleFormSubmit(active(), e));
}

export function debouncedRescore(): void {
  budgeted(() => runDebouncedRescore(active()));
}

export function continueScoring(): void {
  budgeted(() => continueFromCheckpoint(active()));
}

/**
 * The schedule's time-driven trigger: rescore every lead as of now (so decay lowers quiet leads), record
 * tier changes in Score History, and email the leads that entered a notify tier (src/sheets/scheduled-run.ts).
 */
export function scheduledRun(): void {
  budgeted(() => runScheduled(active()));
}
