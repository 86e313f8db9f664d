// What the sidebar says about the day's trigger runtime (src/sheets/trigger-budget.ts).
import type { TriggerBudget } from "../../src/contract";
import { formatTime } from "./format";

/** "Triggers used 12 of 90 min today", and a warning once the add-on backs off or the quota is used up. */
export function describeTriggerBudget(
  b: TriggerBudget,
  timeZone: string,
): { line: string; warning: string | null } {
  const line = `Triggers used ${b.usedMinutes} of ${b.quotaMinutes} min today (yours, Leadscore only).`;
  const until = b.resetsAt ? formatTime(b.resetsAt, timeZone) : "tomorrow";
  if (b.exhausted) {
    return {
      line,
      warning: `The day's trigger runtime is used up: Apps Script runs none of your triggers (automatic scoring, form intake, the schedule) until ${until}. Form responses wait in their tab; run Score all leads now from the menu then.`,
    };
  }
  if (b.backingOff) {
    return {
      line,
      warning: `Over 80% of the day's trigger runtime is used: edits are now rescored together every 10 minutes instead of one by one, until ${until}.`,
    };
  }
  return { line, warning: null };
}
