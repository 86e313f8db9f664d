// Whose triggers do the work of each trigger-driven feature. Installable triggers "always run under the
// account of the person who created them", and "a given account cannot see triggers installed from a
// second account" (developers.google.com/apps-script/guides/triggers/installable): editor B cannot delete
// editor A's triggers. So the document's state says whether a feature is on and who runs it; turning it on
// makes the effective user its owner (taking it over from another editor), and every triggered run checks
// the state first (trigger-guard.ts): a trigger that is no longer wanted deletes itself.
import { clearState, KEY, readState, writeState } from "./state";

export type Feature = "schedule" | "autoScoring";

const OWNER_KEY: Record<Feature, string> = {
  schedule: KEY.scheduleOwner,
  autoScoring: KEY.autoScoringOwner,
};

/** The email of the user this execution runs as (a trigger's owner); "" when Apps Script withholds it. */
export function effectiveUser(): string {
  return Session.getEffectiveUser().getEmail();
}

/**
 * True when `owner` is known and is not this execution's user. With no email to compare (Apps Script
 * withheld it) a run keeps working rather than leave the work undone.
 */
export function isAnotherUser(owner: string | null | undefined): boolean {
  const me = effectiveUser();
  return Boolean(owner && me && owner !== me);
}

/** The editor whose triggers run `feature`, or null (off, or on since before owners were recorded). */
export function featureOwner(feature: Feature): string | null {
  return readState<string>(OWNER_KEY[feature]);
}

/** Records that `feature` is now run by this execution's user (on) or by no one (off). */
export function recordOwner(feature: Feature, on: boolean): void {
  if (on) writeState(OWNER_KEY[feature], effectiveUser());
  else clearState(OWNER_KEY[feature]);
}
