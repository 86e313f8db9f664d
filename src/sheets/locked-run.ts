// Every run that writes holds the document lock, and before it lets go it does the work that other runs
// queued because they could not get it (pending-work.ts). A form response, an edit or a follow-up that finds
// the lock busy is queued with a follow-up trigger, never dropped: the holder or the follow-up does it, once
// (an item is deleted by the run that did it, under the lock). Apps Script runs executions in parallel, so
// a response can arrive while a full rescore holds the lock for minutes (guides/triggers/installable).
import { TRIGGER_HANDLERS } from "../contract";
import { editWork, rescoreEdits } from "./auto-scoring";
import { formItem, formResponse, queuedResponses, takeInResponses } from "./form-intake";
import { BusyError, withDocumentLock } from "./lock";
import { donePending, ofKind, type PendingItem, pendingWork, queueWork } from "./pending-work";
import { continueFromCheckpoint, runFullScoring, TIME } from "./scoring";
import { KEY, readState } from "./state";
import { BACKOFF_DEBOUNCE_MS, isBackingOff } from "./trigger-budget";
import { deleteTriggers, runSoon } from "./triggers";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** How long a trigger waits for the lock before it queues its work instead. */
export const TRIGGER_LOCK_WAIT_MS = 30_000;
/** A follow-up run for queued work is asked for this long after the work was queued. */
const FOLLOW_UP_MS = 60_000;

/** Runs `fn` under the document lock, then the queued work; throws BusyError when the lock stays busy. */
export function lockedRun<T>(ss: Spreadsheet, waitMs: number, fn: () => T): T {
  const startedAt = Date.now();
  return withDocumentLock(waitMs, () => {
    const value = fn();
    doPending(ss, startedAt);
    return value;
  });
}

/** The follow-up trigger (the debounced rescore's), which does the queue when the holder could not. */
function followUp(): void {
  runSoon(TRIGGER_HANDLERS.debounced, FOLLOW_UP_MS);
}

/**
 * Does the queued work, oldest first: form responses (one batch), then a full rescore when one is queued
 * (it covers the queued edits), else the edits. A run already far into its 6 minutes leaves it to the
 * follow-up; a rescore of everything waits while a checkpointed run is still continuing.
 */
function doPending(ss: Spreadsheet, startedAt: number): void {
  const items = pendingWork();
  if (items.length === 0) return;
  if (Date.now() - startedAt > TIME.chunkAfterMs) {
    followUp();
    return;
  }
  const forms = ofKind(items, "form");
  if (forms.length > 0) {
    takeInResponses(ss, queuedResponses(ss, forms));
    donePending(forms.map((p) => p.key));
  }
  if (ofKind(items, "all").length > 0 && readState(KEY.checkpoint) === null) {
    runFullScoring(ss, "edit", { startedAt }); // deletes the items it covers when it ends
    return;
  }
  const edits = ofKind(items, "edit");
  if (edits.length > 0) {
    rescoreEdits(
      ss,
      edits.map((p) => p.item),
    );
    donePending(edits.map((p) => p.key));
  }
}

/** Does `work` under the lock, or queues `item` for the holder (or the follow-up) when the lock stays busy. */
function runOrQueue(ss: Spreadsheet, item: PendingItem, work: () => void): void {
  try {
    lockedRun(ss, TRIGGER_LOCK_WAIT_MS, work);
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    queueWork(item);
    followUp();
  }
}

/** The form trigger: the response becomes a lead and an activity now, or queued. */
export function intakeOrQueue(ss: Spreadsheet, e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  runOrQueue(ss, formItem(e), () => takeInResponses(ss, [formResponse(e)]));
}

/** The edit trigger: the leads the edit touches are rescored now, or queued. */
export function rescoreEditOrQueue(ss: Spreadsheet, e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const work = editWork(ss, e);
  if (!work) return;
  // Near the day's trigger quota every edit waits for one coalesced follow-up run (trigger-budget.ts).
  if (isBackingOff(ss)) {
    queueWork(work);
    runSoon(TRIGGER_HANDLERS.debounced, BACKOFF_DEBOUNCE_MS);
    return;
  }
  runOrQueue(ss, work, () => rescoreEdits(ss, [work]));
}

/**
 * The follow-up (debounced) trigger: does the queue under the lock. Its trigger is deleted only once it
 * holds the lock; when busy, the spent trigger is replaced, so the queue is never left without a run.
 */
export function runFollowUp(ss: Spreadsheet): void {
  try {
    lockedRun(ss, TRIGGER_LOCK_WAIT_MS, () => deleteTriggers(TRIGGER_HANDLERS.debounced));
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    deleteTriggers(TRIGGER_HANDLERS.debounced);
    followUp();
  }
}

/** The checkpoint trigger: continues a large run under the lock; when busy, it tries again in a minute. */
export function continueLocked(ss: Spreadsheet): void {
  try {
    lockedRun(ss, TRIGGER_LOCK_WAIT_MS, () => continueFromCheckpoint(ss));
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    deleteTriggers(TRIGGER_HANDLERS.checkpoint);
    runSoon(TRIGGER_HANDLERS.checkpoint, 60_000);
  }
}
