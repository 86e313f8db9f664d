// The sidebar's contract with the server: every function here is a top-level function in dist/Code.js,
// called through google.script.run. Arguments and results are plain JSON (ISO strings, never Date),
// because google.script.run drops anything else.
import type { LeadExplanation } from "../core/explanation";
import type { Grade, GroupLimit, Problem, Tier } from "../core/types";

export type { ExplainedGroup, ExplainedRule, LeadExplanation } from "../core/explanation";

export type ScheduleKind = "hourly" | "everyHours" | "daily";

export interface Schedule {
  kind: ScheduleKind;
  /** everyHours: 1, 2, 4, 6, 8 or 12. */
  hours?: number;
  /** daily: hour of day 0–23 in the spreadsheet's time zone. */
  atHour?: number;
}

export interface NotificationSettings {
  /** Addresses that get every alert ("Notify emails"). */
  emails: string[];
  /** Column on Leads whose email address also gets the lead's alerts ("Owner column"). */
  ownerColumn: string;
  mode: "digest" | "each";
  /** Points below a tier's minimum a lead must fall before it can be announced again. */
  rearmMargin: number;
}

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

export interface PendingNotification {
  key: string;
  name: string;
  tier: string;
  score: number;
}

export interface SidebarState {
  timeZone: string;
  tiers: Tier[];
  scoreFloor: number | null;
  scoreCeiling: number | null;
  halfLifeDays: number | null;
  groupNames: string[];
  groupLimits: GroupLimit[];
  grades: Grade[];
  gradeGroup: string;
  /** Current values of the Leads Score column (numbers only), for the histogram. */
  scores: number[];
  notifications: NotificationSettings;
  schedule: Schedule | null;
  autoScoring: boolean;
  lastRun: RunSummary | null;
  pending: PendingNotification[];
  problems: Problem[];
}

export interface SettingsPatch {
  halfLifeDays?: number | null;
  groupLimits?: GroupLimit[];
  grades?: Grade[];
  notifications?: Partial<NotificationSettings>;
}

export interface LeadMatch {
  key: string;
  /** First and last name, or the key when the sheet has no names. */
  name: string;
  sheetRow: number;
  score: number | null;
  tier: string;
}

/** Functions the sidebar calls. Names are the global function names in dist/Code.js. */
export interface SidebarApi {
  getSidebarState(): SidebarState;
  saveTiers(tiers: Tier[]): SidebarState;
  saveSettings(patch: SettingsPatch): SidebarState;
  setSchedule(schedule: Schedule | null): SidebarState;
  scoreAllNow(): SidebarState;
  lookupLeads(query: string): LeadMatch[];
  explainLead(key: string): LeadExplanation;
  selectCell(tab: string, row: number, column: string): void;
}
