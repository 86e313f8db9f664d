// Installable trigger bookkeeping shared by scoring, automatic scoring and the schedule. Handlers are typed
// as the contract's names, so a trigger can only be set for a function dist/Code.js exports.
import type { TriggerHandler } from "../contract";

/** ScriptApp.newTrigger for one of the contract's handlers: every trigger this add-on installs goes through here. */
export function newTrigger(handler: TriggerHandler): GoogleAppsScript.Script.TriggerBuilder {
  return ScriptApp.newTrigger(handler);
}

export function hasTrigger(handler: TriggerHandler): boolean {
  return ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === handler);
}

export function deleteTriggers(handler: TriggerHandler): void {
  for (const t of ScriptApp.getProjectTriggers())
    if (t.getHandlerFunction() === handler) ScriptApp.deleteTrigger(t);
}

/** Deletes the trigger with this unique id when this user owns it (another user's is not even visible). */
export function deleteTriggerById(uid: string): boolean {
  const t = ScriptApp.getProjectTriggers().find((x) => x.getUniqueId() === uid);
  if (t) ScriptApp.deleteTrigger(t);
  return t !== undefined;
}

/**
 * Asks for a one-off run of `handler` in `ms`. Editor add-ons get one time-driven trigger per document:
 * when the schedule holds it, creating another throws, and the work (kept in document state by the caller)
 * is done by the next scheduled run instead, which rescores everything. Returns whether a trigger is set.
 */
export function runSoon(handler: TriggerHandler, ms: number): boolean {
  if (hasTrigger(handler)) return true;
  try {
    newTrigger(handler).timeBased().after(ms).create();
    return true;
  } catch (error) {
    console.warn(
      `Leadscore: no follow-up trigger for ${handler}: ${error instanceof Error ? error.message : error}`,
    );
    return false;
  }
}
