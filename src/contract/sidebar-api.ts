// The functions the sidebar calls through google.script.run. Each is a top-level function in dist/Code.js;
// src/addon/contract.ts checks the server's exports against SidebarApi both ways. Arguments and results are
// plain JSON (ISO strings, never Date), because google.script.run drops anything else.
import type { AccountDetail } from "../core/accounts";
import type { CalibrationReport } from "../core/calibration";
import type { LeadExplanation } from "../core/explanation";
import type { Tier } from "../core/types";
import type { BigQueryRequest, BigQueryRun, BigQuerySection, BigQuerySql, BigQueryTables } from "./bigquery";
import type {
  ApplyPreview,
  CalibrationRequest,
  LeadColumns,
  MatrixVersion,
  SuggestRequest,
  SuggestSummary,
} from "./calibration";
import type { LeadMatch } from "./lead-match";
import type { Schedule } from "./schedule";
import type { SettingsPatch, SidebarState } from "./sidebar-state";

// Function-typed properties rather than methods: TypeScript then compares parameters strictly, so a server
// function that accepts something else than the contract says is an error, not a bivariant pass.
export interface SidebarApi {
  getSidebarState: () => SidebarState;
  saveTiers: (tiers: Tier[]) => SidebarState;
  saveSettings: (patch: SettingsPatch) => SidebarState;
  setSchedule: (schedule: Schedule | null) => SidebarState;
  scoreAllNow: () => SidebarState;
  lookupLeads: (query: string) => LeadMatch[];
  explainLead: (key: string) => LeadExplanation;
  /** Accounts (Settings Account key) whose name contains the query, as of now, each with its leads. */
  lookupAccounts: (query: string) => AccountDetail[];
  selectCell: (tab: string, row: number, column: string) => void;
  /** Leads column names, for the outcome and leakage column pickers. */
  getLeadColumns: () => LeadColumns;
  getCalibration: (request: CalibrationRequest) => CalibrationReport;
  /** Fits point values from outcomes and writes them to the Suggested Matrix tab. */
  suggestPoints: (request: SuggestRequest) => SuggestSummary;
  /** What applying the Suggested Matrix would change (tiers before/after, both AUCs), without applying it. */
  previewSuggestedMatrix: () => ApplyPreview;
  /** Replaces the Scoring Matrix with the Suggested Matrix, keeping the old one in Matrix History; rescores. */
  applySuggestedMatrix: () => SidebarState;
  listMatrixVersions: () => MatrixVersion[];
  /** Restores a matrix from Matrix History (by savedAt); the current one is kept there too; rescores. */
  restoreMatrix: (savedAt: string) => SidebarState;
  /** Builds the calibration charts as native Sheets charts on a Calibration tab. */
  createChartTab: (request: CalibrationRequest) => { tab: string; charts: number };
  /** The BigQuery section: Settings' BigQuery rows, and whether this deployment can run queries. */
  getBigQuerySection: () => BigQuerySection;
  saveBigQueryTables: (tables: BigQueryTables) => BigQuerySection;
  /** The scoring query in GoogleSQL, for a scheduled query. */
  getBigQuerySql: () => BigQuerySql;
  /** Runs the query in BigQuery and writes the top leads to the BigQuery Scores tab. */
  scoreInBigQuery: (request: BigQueryRequest) => BigQueryRun;
}

export type SidebarFunction = keyof SidebarApi;

/** Typed as every key of SidebarApi and nothing else, so the list below cannot drift from the interface. */
const CALLABLE: { readonly [K in SidebarFunction]: true } = {
  getSidebarState: true,
  saveTiers: true,
  saveSettings: true,
  setSchedule: true,
  scoreAllNow: true,
  lookupLeads: true,
  explainLead: true,
  lookupAccounts: true,
  selectCell: true,
  getLeadColumns: true,
  getCalibration: true,
  suggestPoints: true,
  previewSuggestedMatrix: true,
  applySuggestedMatrix: true,
  listMatrixVersions: true,
  restoreMatrix: true,
  createChartTab: true,
  getBigQuerySection: true,
  saveBigQueryTables: true,
  getBigQuerySql: true,
  scoreInBigQuery: true,
};

/** Every function the sidebar calls: the local page's allow-list, and what tests check the bundle for. */
export const SIDEBAR_FUNCTIONS = /* @__PURE__ */ Object.keys(CALLABLE) as readonly SidebarFunction[];
