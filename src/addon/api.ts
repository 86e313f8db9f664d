// The sidebar's contract with the server: every function here is a top-level function in dist/Code.js,
// called through google.script.run. Arguments and results are plain JSON (ISO strings, never Date),
// because google.script.run drops anything else.
import type { BacktestMode, CalibrationReport } from "../core/calibration";
import type { LeadExplanation } from "../core/explanation";
import type { Grade, GroupLimit, Problem, Tier } from "../core/types";

export type { BacktestMode, CalibrationReport } from "../core/calibration";
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

export interface CalibrationRequest {
  /** Leads column holding the outcome (default: Settings "Outcome column", else "Converted"). */
  outcomeColumn?: string;
  /** Score each lead as of a point before its outcome was known. */
  backtest?: { mode: BacktestMode; days: number };
  /** Top-tier suggestion: the lowest threshold converting at least this many times the base rate (3). */
  topTierMultiple?: number;
}

export interface SuggestRequest {
  outcomeColumn?: string;
  /** Leads columns left out of the fit (filled in after contact: leakage). */
  exclude?: string[];
  maxRules?: number;
}

export interface SuggestSummary {
  /** Tab the proposal was written to ("Suggested Matrix"). */
  tab: string;
  rules: number;
  /** AUC of the current matrix and of the suggestion on the same leads (null when not computable). */
  aucCurrent: number | null;
  aucSuggested: number;
  /** Warnings: likely leakage, rules fitted on few leads, small data. */
  flags: string[];
}

export interface MatrixVersion {
  /** ISO time the matrix was replaced. */
  savedAt: string;
  rules: number;
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
  /** Leads column names, for the outcome and leakage column pickers. */
  getLeadColumns(): string[];
  getCalibration(request: CalibrationRequest): CalibrationReport;
  /** Fits point values from outcomes and writes them to the Suggested Matrix tab. */
  suggestPoints(request: SuggestRequest): SuggestSummary;
  /** Replaces the Scoring Matrix with the Suggested Matrix, keeping the old one in Matrix History; rescores. */
  applySuggestedMatrix(): SidebarState;
  listMatrixVersions(): MatrixVersion[];
  /** Restores a matrix from Matrix History (by savedAt); the current one is kept there too; rescores. */
  restoreMatrix(savedAt: string): SidebarState;
  /** Builds the calibration charts as native Sheets charts on a Calibration tab. */
  createChartTab(request: CalibrationRequest): { tab: string; charts: number };
}

/** Every function the sidebar calls: the local page's allow-list, and what tests check the bundle for. */
export const SIDEBAR_FUNCTIONS = [
  "getSidebarState",
  "saveTiers",
  "saveSettings",
  "setSchedule",
  "scoreAllNow",
  "lookupLeads",
  "explainLead",
  "selectCell",
  "getLeadColumns",
  "getCalibration",
  "suggestPoints",
  "applySuggestedMatrix",
  "listMatrixVersions",
  "restoreMatrix",
  "createChartTab",
] as const satisfies readonly (keyof SidebarApi)[];
