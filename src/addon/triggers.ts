// Installable trigger handlers (time-driven, edit, change, form submit). Thin calls into src/sheets. A
// feature's trigger first asks whether it still does its feature's work (another editor may have turned it
// off or taken it over); if not, the trigger has deleted itself and the run ends. Every handler runs
// `budgeted`: its runtime is added to the user's daily trigger tally (trigger-budget.ts).
import { markStale } from "../sheets/auto-scoring";
import { changeMayAffectScores } from "../sheets/change-filter";
import { continueLocked, intakeOrQueue, rescoreEditOrQueue, runFollowUp } from "../sheets/locked-run";
import { runScheduled } from "../sheets/scheduled-run";
import { BACKOFF_DEBOUNCE_MS, budgeted, isBackingOff } from "../sheets/trigger-budget";
import { mayRun, type TriggerEvent } from "../sheets/trigger-guard";

const active = () => SpreadsheetApp.getActiveSpreadsheet();

export function onEditAutoScore(e: GoogleAppsScript.Events.SheetsOnEdit & TriggerEvent): void {
  budgeted(() => {
    if (mayRun("autoScoring", e)) rescoreEditOrQueue(active(), e);
  });
}

/** Structural changes (rows inserted or removed, sort) can move any lead: rescore everything, debounced. */
export function onChangeAutoScore(e: { changeType?: string } & TriggerEvent): void {
  budgeted(() => {
    if (!mayRun("autoScoring", e)) return;
    const ss = active();
    if (changeMayAffectScores(ss, e?.changeType))
      markStale(isBackingOff(ss) ? BACKOFF_DEBOUNCE_MS : undefined);
  });
}

export function onFormSubmitIntake(e: GoogleAppsScript.Events.SheetsOnFormSubmit & TriggerEvent): void {
  budgeted(() => {
    if (mayRun("autoScoring", e)) intakeOrQueue(active(), e);
  });
}

/**
 * The follow-up run: the work queued while another run held the lock, and the debounced full rescore. Not
 * a feature's trigger: work that was queued is done whoever's follow-up finds it (under the lock, once).
 */
export function debouncedRescore(): void {
  budgeted(() => runFollowUp(active()));
}

export function continueScoring(): void {
  budgeted(() => continueLocked(active()));
}

/**
 * The schedule's time-driven trigger: rescore every lead as of now (so decay lowers quiet leads), record
 * tier changes in Score History, and email the leads that entered a notify tier (src/sheets/scheduled-run.ts).
 */
export function scheduledRun(e?: TriggerEvent): void {
  budgeted(() => {
    if (mayRun("schedule", e)) runScheduled(active());
  });
}
