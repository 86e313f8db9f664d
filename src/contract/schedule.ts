// The scheduled rescoring the sidebar sets and shows.

export type ScheduleKind = "hourly" | "everyHours" | "daily";

export interface Schedule {
  kind: ScheduleKind;
  /** everyHours: 1, 2, 4, 6, 8 or 12. */
  hours?: number;
  /** daily: hour of day 0–23 in the spreadsheet's time zone. */
  atHour?: number;
}
