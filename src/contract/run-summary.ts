// What a scoring run reports back: the sidebar's "last run" line.

export interface RunSummary {
  /** ISO time the run finished. */
  at: string;
  trigger: "manual" | "schedule" | "edit" | "form" | "sidebar";
  leadsScored: number;
  tierCounts: Record<string, number>;
  notificationsSent: number;
  notificationsPending: number;
  problems: number;
  /** A message for the user when the run could not finish (quota, lock, time limit). */
  note?: string;
}
