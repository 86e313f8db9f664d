// The sidebar's view of the trigger runtime this user's Leadscore triggers used today.
export interface TriggerBudget {
  usedMinutes: number;
  /** The Settings "Trigger minutes per day" (90, a consumer account's quota, unless set). */
  quotaMinutes: number;
  runs: number;
  /** Past the back-off share: edits are rescored together, debounced, instead of one run per edit. */
  backingOff: boolean;
  /** The tally reached the quota: Apps Script refuses this user's triggers until `resetsAt`. */
  exhausted: boolean;
  /** When the 24-hour window of the tally ends (ISO 8601), or null before any triggered run. */
  resetsAt: string | null;
}
