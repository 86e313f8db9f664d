// The sidebar's BigQuery section: Settings' BigQuery rows, the scoring query compiled from the workbook's
// matrix, Settings and Lists (src/core/sql, bigquery dialect), and a run of it in BigQuery whose top leads
// land in the add-on's own BigQuery Scores tab. The compiler owns the tables and columns: Settings'
// BigQuery rows name the tables (blank: its defaults) and its Column mapping table the columns, read as
// the Leads and Activity Log headers say; only the tabs' header rows are read, the data is BigQuery's.
import type { BigQueryRequest, BigQueryRun, BigQuerySection, BigQuerySql, BigQueryTables } from "../contract";
import { SETTING, type SettingDef, settingKey } from "../core/known-settings";
import { parseSettings } from "../core/settings";
import { type CompiledQuery, compileSql, projectWithoutDataset } from "../core/sql";
import { dialect } from "../core/sql/dialect";
import { type CellValue, type Grid, TAB } from "../core/types";
import { cellText } from "../core/values";
import { BigQueryError, bigQueryEnabled, NOT_ENABLED, runQuery } from "./bigquery";
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

/** The section's fields and the setting each is. */
const ROWS: [keyof BigQueryTables, SettingDef<string>][] = [
  ["project", SETTING.bigQueryProject],
  ["dataset", SETTING.bigQueryDataset],
  ["leadsTable", SETTING.bigQueryLeadsTable],
  ["activitiesTable", SETTING.bigQueryActivitiesTable],
];

function tabGrid(sheets: Map<string, Sheet>, name: string): Grid | undefined {
  const sheet = sheets.get(tabKey(name));
  return sheet ? readGrid(sheet) : undefined;
}

/** A tab's header row (one getValues of row 1), or null without the tab. */
function headerRow(sheets: Map<string, Sheet>, name: string): CellValue[] | null {
  const sheet = sheets.get(tabKey(name));
  return sheet ? sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0] : null;
}

/** The rows as written (their Value cells' text). */
function tablesOf(settingsGrid: Grid | undefined): BigQueryTables {
  const { values } = parseSettings(settingsGrid).settings;
  const text = (def: SettingDef<string>) => cellText(values[settingKey(def.name)] ?? "").trim();
  return {
    project: text(SETTING.bigQueryProject),
    dataset: text(SETTING.bigQueryDataset),
    leadsTable: text(SETTING.bigQueryLeadsTable),
    activitiesTable: text(SETTING.bigQueryActivitiesTable),
  };
}

/** The scoring query over Settings' tables, best lead first (compiled.order "score"). */
function compile(ss: Spreadsheet, sheets: Map<string, Sheet>, leadHeaders: CellValue[]): CompiledQuery {
  return compileSql(
    {
      leadHeaders,
      activityHeaders: headerRow(sheets, TAB.activities),
      matrix: tabGrid(sheets, TAB.matrix),
      settings: tabGrid(sheets, TAB.settings),
      lists: tabGrid(sheets, TAB.lists),
    },
    { dialect: "bigquery", asOf: new Date(), timeZone: ss.getSpreadsheetTimeZone(), order: "score" },
  );
}

/** The query, which needs the Leads headers: the tables' columns are named by them. */
function compileForRun(ss: Spreadsheet): CompiledQuery {
  const sheets = sheetsByName(ss);
  const leadHeaders = headerRow(sheets, TAB.leads);
  if (!leadHeaders) {
    throw new BigQueryError(
      `There is no "${TAB.leads}" tab to take the column names from. Fix: run Leadscore ▸ Set up workbook; the BigQuery columns are read by the Leads headers (or by Settings' Column | BigQuery column table).`,
    );
  }
  return compile(ss, sheets, leadHeaders);
}

export function bigQuerySection(ss: Spreadsheet): BigQuerySection {
  const sheets = sheetsByName(ss);
  // The table paths do not depend on the headers: no Leads tab yet still shows where the query reads.
  const { source } = compile(ss, sheets, headerRow(sheets, TAB.leads) ?? []);
  return {
    ...tablesOf(tabGrid(sheets, TAB.settings)),
    enabled: bigQueryEnabled(),
    // No activity columns: no Activity Log tab (and not GA4), so the query reads no activities table.
    reads: {
      leadsTable: source.leadsTable,
      activitiesTable: source.activityColumns.length ? source.activitiesTable : "",
    },
  };
}

/** Each name as its Settings row reads it (known-settings: BigQuery's naming rules); blank: the default. */
function checked(tables: BigQueryTables): BigQueryTables {
  const next = { ...tables };
  for (const [key, def] of ROWS) {
    const value = String(tables?.[key] ?? "").trim();
    const read = def.read(value, def.name);
    if ("message" in read) throw new Error(`${read.message} Fix: ${read.fix}`);
    next[key] = value;
  }
  const noDataset = projectWithoutDataset(next.project, next.dataset);
  if (noDataset) throw new Error(`${noDataset.message} Fix: ${noDataset.fix}`);
  return next;
}

export function saveBigQueryTables(ss: Spreadsheet, tables: BigQueryTables): BigQuerySection {
  const next = checked(tables);
  return withDocumentLock(10_000, () => {
    const sheets = sheetsByName(ss);
    const now = tablesOf(tabGrid(sheets, TAB.settings));
    for (const [key, def] of ROWS) {
      if (now[key] === next[key]) continue;
      // Re-read after each write: a setting added below the table moves where the next one goes.
      writeSetting(sheets, tabGrid(sheets, TAB.settings) ?? [], def.name, literal(next[key]));
    }
    return bigQuerySection(ss);
  });
}

const unsupportedLines = (ps: CompiledQuery["unsupported"]) =>
  ps.map((p) => `${p.tab} row ${p.row}, column ${p.column}: ${p.message} Fix: ${p.fix}`);

export function bigQuerySql(ss: Spreadsheet): BigQuerySql {
  const query = compileForRun(ss);
  const columns = [
    ...query.source.leadColumns.map((c) => ({ tab: TAB.leads, ...c })),
    ...query.source.activityColumns.map((c) => ({ tab: TAB.activities, ...c })),
  ];
  return { sql: query.sql, columns, unsupported: unsupportedLines(query.unsupported) };
}

/**
 * The scoring query cut to its `top` first rows, with how many it scored in all. Its rows are in the
 * compiler's score order (Score descending, then the key) and `_row` numbers them so: a subquery's order
 * does not survive in BigQuery, its `_row` does.
 */
export function topQuery(query: CompiledQuery, top: number): string {
  if (query.order !== "score") throw new Error("Score in BigQuery now needs the query in score order.");
  const d = dialect("bigquery");
  const columns = [query.keyHeader, ...query.outputHeaders].map((h) => d.ident(h)).join(", ");
  return `SELECT ${columns}, COUNT(*) OVER () AS _scored\nFROM (\n${query.sql}\n)\nORDER BY _row\nLIMIT ${top}`;
}

export function scoreInBigQuery(ss: Spreadsheet, request: BigQueryRequest): BigQueryRun {
  const top = Number(request?.top);
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new Error(
      `Bring back between 1 and ${MAX_TOP.toLocaleString("en-US")} leads. Fix: for all of them, schedule the query (Copy SQL) and open its table in Connected Sheets.`,
    );
  }
  if (!bigQueryEnabled()) throw new BigQueryError(NOT_ENABLED);
  const { project } = tablesOf(tabGrid(sheetsByName(ss), TAB.settings));
  if (!project) {
    throw new BigQueryError(
      "No BigQuery project is set. Fix: enter the Google Cloud project ID in the sidebar's BigQuery section (Settings: BigQuery project).",
    );
  }
  const query = compileForRun(ss);
  if (query.unsupported.length) {
    throw new BigQueryError(
      `The query cannot score this workbook exactly as the sheet does, so nothing ran:\n${unsupportedLines(query.unsupported).join("\n")}`,
    );
  }
  if (!query.keyHeader) {
    throw new BigQueryError(
      `The ${TAB.leads} tab has no lead key column. Fix: add the column Settings' Lead key names (Email by default); the query reads it from ${query.source.leadsTable}.`,
    );
  }
  const result = runQuery(project, topQuery(query, top), QUERY_BUDGET_MS);
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
