// The first step of every triggered run: is this trigger still the one that should do the work? When its
// feature is off or another editor now runs it, the trigger deletes itself and the run does nothing else,
// so turning a feature off from any account stops it, and two editors' triggers never do the same work.
import { isAutoScoring } from "./auto-scoring";
import { effectiveUser, type Feature, featureOwner, isAnotherUser, recordOwner } from "./feature-owner";
import { currentSchedule } from "./schedule";
import { deleteTriggerById } from "./triggers";

/** What a trigger's event says about the trigger (installable triggers' events carry its unique id). */
export interface TriggerEvent {
  triggerUid?: string;
}

function isOn(feature: Feature): boolean {
  return feature === "schedule" ? currentSchedule() !== null : isAutoScoring();
}

/** True when this run should do `feature`'s work; otherwise deletes the trigger that started it. */
export function mayRun(feature: Feature, e: TriggerEvent | undefined): boolean {
  if (!isOn(feature)) return retire(e);
  const owner = featureOwner(feature);
  // On since before owners were recorded: the first trigger to fire claims it, and the others retire.
  if (owner === null && effectiveUser()) recordOwner(feature, true);
  return isAnotherUser(owner) ? retire(e) : true;
}

function retire(e: TriggerEvent | undefined): false {
  if (e?.triggerUid) deleteTriggerById(e.triggerUid);
  return false;
}
