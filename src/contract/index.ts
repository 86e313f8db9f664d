// The contract between the add-on's server side and its callers (the sidebar, Apps Script, the local page):
// the names in dist/Code.js and the JSON shapes they take and return. Below src/sheets and src/addon, above
// src/core only, so every side can import it.

export type { AccountDetail, AccountSummary } from "../core/accounts";
export type { BacktestMode, CalibrationReport } from "../core/calibration";
export type { ExplainedGroup, ExplainedRule, LeadExplanation } from "../core/explanation";
export type { NotifySettings } from "../core/notify";
export type {
  BigQueryReads,
  BigQueryRequest,
  BigQueryRun,
  BigQuerySection,
  BigQuerySql,
  BigQueryTables,
} from "./bigquery";
export type {
  ApplyPreview,
  CalibrationRequest,
  LeadColumns,
  MatrixVersion,
  SuggestRequest,
  SuggestSummary,
} from "./calibration";
export {
  CUSTOM_FUNCTIONS,
  ENTRY_POINTS,
  type EntryPoint,
  MENU_HANDLERS,
  type MenuHandler,
  SIMPLE_TRIGGERS,
  TRIGGER_HANDLERS,
  type TriggerHandler,
} from "./entry-points";
export type { LeadMatch } from "./lead-match";
export type { RunSummary } from "./run-summary";
export type { Schedule, ScheduleKind } from "./schedule";
export { SIDEBAR_FUNCTIONS, type SidebarApi, type SidebarFunction } from "./sidebar-api";
export type { FullCheck, PendingNotification, SettingsPatch, SidebarState } from "./sidebar-state";
export type { TriggerBudget } from "./trigger-budget";
