// The sidebar's BigQuery section: Settings' BigQuery rows, the scoring query compiled from the workbook's
// matrix, Settings and Lists (src/core/sql, bigquery dialect), and a run of it in BigQuery whose top leads
// land in the add-on's own BigQuery Scores tab. Only the matrix, Settings and Lists are read from the
// sheet: the leads and activities are the BigQuery tables, whose columns come from their schemas.
import type { BigQueryRequest, BigQueryRun, BigQuerySection, BigQuerySql, BigQueryTables } from "../contract";
import { SETTING, saysNone, settingKey, settingValue } from "../core/known-settings";
import { parseSettings } from "../core/settings";
import { type CompiledQuery, compileSql } from "../core/sql";
import { dialect } from "../core/sql/dialect";
import { type CellValue, type Grid, TAB } from "../core/types";
import { cellText } from "../core/values";
import {
  BigQueryError,
  bigQueryEnabled,
  NOT_ENABLED,
  runQuery,
  type TableRef,
  tableColumns,
} from "./bigquery";
import { literal } from "./cell-text";
import { withDocumentLock } from "./lock";
import { writeSetting } from "./settings-tab";
import { ensureSize } from "./sheet-size";
import { readGrid, sheetsByName, tabKey } from "./tabs";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The add-on's tab for the leads BigQuery scored best. */
export const BIGQUERY_TAB = "BigQuery Scores";
/** Most rows Score in BigQuery now brings back; beyond that, Connected Sheets (a scheduled query's table). */
export const MAX_TOP = 50_000;
/** How long a run waits for BigQuery, leaving the rest of Apps Script's 6 minutes for writing the tab. */
const QUERY_BUDGET_MS = 4 * 60_000;

function tabGrid(sheets: Map<string, Sheet>, name: string): Grid | undefined {
  const sheet = sheets.get(tabKey(name));
  return sheet ? readGrid(sheet) : undefined;
}

function tablesOf(settingsGrid: Grid | undefined): BigQueryTables {
  const { values } = parseSettings(settingsGrid).settings;
  const activities = settingValue(values, SETTING.bigQueryActivitiesTable);
  return {
    project: settingValue(values, SETTING.bigQueryProject).trim(),
    dataset: settingValue(values, SETTING.bigQueryDataset).trim(),
    leadsTable: settingValue(values, SETTING.bigQueryLeadsTable).trim(),
    activitiesTable: saysNone(activities) ? "" : activities.trim(),
  };
}

export function bigQuerySection(ss: Spreadsheet): BigQuerySection {
  return { ...tablesOf(tabGrid(sheetsByName(ss), TAB.settings)), enabled: bigQueryEnabled() };
}

// Google Cloud's naming rules: project IDs (6–30 lowercase letters, digits, hyphens; optionally a
// domain-scoped "example.com:" prefix), dataset names (letters, digits, underscores), and table names
// (no dot or backtick here, since the query names them as project.dataset.table).
const PROJECT = /^([a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATASET = /^[A-Za-z0-9_]{1,1024}$/;
const TABLE = /^[^.`\\]{1,1024}$/;

function checked(tables: BigQueryTables): BigQueryTables {
  const t = {
    project: String(tables.project ?? "").trim(),
    dataset: String(tables.dataset ?? "").trim(),
    leadsTable: String(tables.leadsTable ?? "").trim(),
    activitiesTable: String(tables.activitiesTable ?? "").trim(),
  };
  if (t.project && !PROJECT.test(t.project))
    throw new Error(
      `"${t.project}" is not a Google Cloud project ID. Fix: copy the ID (not the name) from the Cloud console's project picker, e.g. my-project-123.`,
    );
  if (!DATASET.test(t.dataset))
    throw new Error(
      `"${t.dataset}" is not a BigQuery dataset name. Fix: use letters, digits and underscores only.`,
    );
  for (const [label, name, optional] of [
    ["leads", t.leadsTable, false],
    ["activities", t.activitiesTable, true],
  ] as const) {
    if ((name || !optional) && !TABLE.test(name))
      throw new Error(
        `"${name}" is not a BigQuery table name for the ${label}. Fix: enter the table's name within the dataset, without dots or backticks${optional ? " (blank: no activities table)" : ""}.`,
      );
  }
  return t;
}

export function saveBigQueryTables(ss: Spreadsheet, tables: BigQueryTables): BigQuerySection {
  const next = checked(tables);
  return withDocumentLock(10_000, () => {
    const sheets = sheetsByName(ss);
    // What each row's Value cell holds now (a blank row reads as its default, but is still written).
    const { values } = parseSettings(tabGrid(sheets, TAB.settings)).settings;
    const rows: [string, string][] = [
      [SETTING.bigQueryProject.name, next.project],
      [SETTING.bigQueryDataset.name, next.dataset],
      [SETTING.bigQueryLeadsTable.name, next.leadsTable],
      [SETTING.bigQueryActivitiesTable.name, next.activitiesTable || "none"],
    ];
    for (const [name, value] of rows) {
      if (cellText(values[settingKey(name)] ?? "") === value) continue;
      // Re-read after each write: a setting added below the table moves where the next one goes.
      writeSetting(sheets, tabGrid(sheets, TAB.settings) ?? [], name, literal(value));
    }
    return bigQuerySection(ss);
  });
}

/** Where a table is, for the query: project.dataset.table, or dataset.table (the job's project) with no project set. */
function tablePath(t: BigQueryTables, table: string): string {
  return t.project ? `${t.project}.${t.dataset}.${table}` : `${t.dataset}.${table}`;
}

function headerRow(grid: Grid | undefined): CellValue[] | null {
  return grid?.[0] ? [...grid[0]] : null;
}

interface Compiled {
  query: CompiledQuery;
  columnsFrom: BigQuerySql["columnsFrom"];
}

/**
 * The scoring query. With BigQuery access and a project, the columns are the tables' own (their
 * schemas); otherwise the Leads and Activity Log headers, which the tables are expected to have.
 */
function compile(ss: Spreadsheet, t: BigQueryTables, fromBigQuery: boolean): Compiled {
  const sheets = sheetsByName(ss);
  const settings = tabGrid(sheets, TAB.settings);
  let leadHeaders: CellValue[] | null;
  let activityHeaders: CellValue[] | null = null;
  if (fromBigQuery) {
    const ref = (table: string): TableRef => ({ project: t.project, dataset: t.dataset, table });
    leadHeaders = tableColumns(ref(t.leadsTable));
    if (t.activitiesTable) activityHeaders = tableColumns(ref(t.activitiesTable));
  } else {
    const leadsSheet = sheets.get(tabKey(TAB.leads));
    leadHeaders = leadsSheet
      ? leadsSheet.getRange(1, 1, 1, Math.max(1, leadsSheet.getLastColumn())).getValues()[0]
      : null;
    const actSheet = t.activitiesTable ? sheets.get(tabKey(TAB.activities)) : undefined;
    if (actSheet)
      activityHeaders = headerRow(
        actSheet.getRange(1, 1, 1, Math.max(1, actSheet.getLastColumn())).getValues(),
      );
  }
  if (!leadHeaders) {
    throw new BigQueryError(
      `There is no "${TAB.leads}" tab to take the column names from. Fix: run Leadscore ▸ Set up workbook, or set the BigQuery project so that the columns come from the BigQuery table.`,
    );
  }
  const query = compileSql(
    {
      leadHeaders,
      activityHeaders,
      matrix: tabGrid(sheets, TAB.matrix),
      settings,
      lists: tabGrid(sheets, TAB.lists),
    },
    {
      dialect: "bigquery",
      asOf: new Date(),
      timeZone: ss.getSpreadsheetTimeZone(),
      tables: {
        leads: tablePath(t, t.leadsTable),
        ...(t.activitiesTable ? { activities: tablePath(t, t.activitiesTable) } : {}),
      },
    },
  );
  return { query, columnsFrom: fromBigQuery ? "bigquery" : "sheet" };
}

const unsupportedLines = (ps: CompiledQuery["unsupported"]) =>
  ps.map((p) => `${p.tab} row ${p.row}, column ${p.column}: ${p.message} Fix: ${p.fix}`);

export function bigQuerySql(ss: Spreadsheet): BigQuerySql {
  const t = tablesOf(tabGrid(sheetsByName(ss), TAB.settings));
  const { query, columnsFrom } = compile(ss, t, bigQueryEnabled() && t.project !== "");
  return { sql: query.sql, columnsFrom, unsupported: unsupportedLines(query.unsupported) };
}

/** The scoring query cut to its `top` best leads (Score, then key), with how many it scored in all. */
export function topQuery(query: CompiledQuery, top: number): string {
  const d = dialect("bigquery");
  const key = d.ident(query.keyHeader);
  const columns = [query.keyHeader, ...query.outputHeaders].map((h) => d.ident(h)).join(", ");
  return `SELECT ${columns}, COUNT(*) OVER () AS _scored\nFROM (\n${query.sql}\n)\nORDER BY ${d.ident("Score")} DESC, ${key}\nLIMIT ${top}`;
}

export function scoreInBigQuery(ss: Spreadsheet, request: BigQueryRequest): BigQueryRun {
  const top = Number(request?.top);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new Error(
      `Bring back between 1 and ${MAX_TOP.toLocaleString("en-US")} leads. Fix: for all of them, schedule the query (Copy SQL) and open its table in Connected Sheets.`,
    );
  }
  const t = tablesOf(tabGrid(sheetsByName(ss), TAB.settings));
  if (!bigQueryEnabled()) throw new BigQueryError(NOT_ENABLED);
  if (!t.project) {
    throw new BigQueryError(
      "No BigQuery project is set. Fix: enter the Google Cloud project ID in the sidebar's BigQuery section (Settings: BigQuery project).",
    );
  }
  const { query } = compile(ss, t, true);
  if (!query.keyHeader) {
    throw new BigQueryError(
      `The table ${tablePath(t, t.leadsTable)} has no lead key column. Fix: give it the column Settings' Lead key names (Email by default).`,
    );
  }
  if (query.unsupported.length) {
    throw new BigQueryError(
      `The query cannot score this matrix exactly as the sheet does:\n${unsupportedLines(query.unsupported).join("\n")}`,
    );
  }
  const result = runQuery(t.project, topQuery(query, top), QUERY_BUDGET_MS);
  const first = result.rows[0];
  const scored = first ? Number(first[first.length - 1]) : 0;
  const header = result.columns.slice(0, -1);
  const grid: CellValue[][] = [header, ...result.rows.map((r) => r.slice(0, -1))];
  withDocumentLock(10_000, () => writeTab(ss, grid));
  return { tab: BIGQUERY_TAB, written: result.rows.length, scored, jobId: result.jobId };
}

/** The tab, replaced as a whole (it is the add-on's own): one setValues, every text as literal text. */
function writeTab(ss: Spreadsheet, grid: CellValue[][]): void {
  let sheet = sheetsByName(ss).get(tabKey(BIGQUERY_TAB));
  if (sheet) sheet.clearContents();
  else sheet = ss.insertSheet(BIGQUERY_TAB);
  ensureSize(sheet, grid.length, grid[0].length);
  sheet.getRange(1, 1, grid.length, grid[0].length).setValues(grid.map((r) => r.map(literal)));
}
