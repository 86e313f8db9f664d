// `leadscore score --engine duckdb`: the workbook's matrix compiled to SQL (src/core/sql) and run by
// DuckDB straight over the Leads and Activity Log files (views over read_csv as text, or read_parquet:
// nothing is loaded into tables), so the Activity Log is never held in memory, here or in DuckDB.
// Node-only, and loaded lazily: the add-on never sees DuckDB.

import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { cellText, findColumn } from "../core";
import { ACCOUNT_HEADERS } from "../core/accounts";
import { compileAccountsSql, compileSql, type SqlWorkbook } from "../core/sql";
import { dialect } from "../core/sql/dialect";
import type { CellValue, Grid, Problem } from "../core/types";
import { TAB } from "../core/types";
import { readCsvTable, tabNameOf } from "../local/workbook";

export interface DuckDbRun {
  /** The Leads tab as the CLI reads it, and each scored row's output cells (keyed by sheet row). */
  leads: Grid;
  outputHeaders: string[];
  rows: Map<number, CellValue[]>;
  problems: Problem[];
  /** The Accounts table as accountGrid gives it (header first), when asked for. */
  accounts?: Grid;
}

export interface DuckDbOptions {
  asOf: Date;
  timeZone: string;
  /** Also roll the leads up into accounts (Settings Account key). */
  accounts?: boolean;
}

/** Tab name (lower case) → file, for the CSV and Parquet files of a workbook folder. */
async function tabFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const f of await readdir(dir)) {
    const lower = f.toLowerCase();
    if (f.startsWith(".") || !(lower.endsWith(".csv") || lower.endsWith(".parquet"))) continue;
    const name = lower.endsWith(".csv") ? tabNameOf(f) : tabNameOf(f.slice(0, -8) + ".csv");
    files.set(name.trim().toLowerCase(), join(dir, f));
  }
  return files;
}

/** A table of text columns over a file: CSV as RFC 4180 with every column VARCHAR, or Parquet. */
function readerSql(file: string): string {
  const path = dialect("duckdb").string(file);
  return file.toLowerCase().endsWith(".parquet")
    ? `read_parquet(${path})`
    : `read_csv(${path}, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"', null_padding = true)`;
}

/** Scores with a connection of its own, or on `connection` (tests score many workbooks on one). */
export async function scoreWithDuckDb(
  dir: string,
  options: DuckDbOptions,
  connection?: DuckDBConnection,
): Promise<DuckDbRun> {
  if (connection) return scoreOn(connection, dir, options);
  const { DuckDBInstance } = await import("@duckdb/node-api");
  // Past its memory limit (80% of RAM, duckdb.org/docs/stable/operations_manual/limits) DuckDB spills to
  // disk, by default into .tmp of the working directory: the system's temp folder instead.
  const instance = await DuckDBInstance.create(":memory:", {
    temp_directory: join(tmpdir(), "leadscore-duckdb"),
  });
  const db = await instance.connect();
  try {
    return await scoreOn(db, dir, options);
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

async function scoreOn(
  db: DuckDBConnection,
  dir: string,
  { accounts, ...options }: DuckDbOptions,
): Promise<DuckDbRun> {
  const files = await tabFiles(dir);
  const file = (tab: string) => files.get(tab.toLowerCase());
  const leadsFile = file(TAB.leads);
  if (!leadsFile) throw new Error(`${dir} has no "${TAB.leads}" tab (a Leads.csv or Leads.parquet file).`);
  const small = async (tab: string) => {
    const f = file(tab);
    return f?.toLowerCase().endsWith(".csv") ? (await readCsvTable(f)).values : undefined;
  };
  const columns = async (table: string) =>
    (await db.runAndReadAll(`DESCRIBE ${table}`)).getRowObjects().map((r) => String(r.column_name));
  await db.run(`CREATE OR REPLACE TEMP VIEW leads AS SELECT * FROM ${readerSql(leadsFile)}`);
  const actFile = file(TAB.activities);
  if (actFile) {
    await db.run(`CREATE OR REPLACE TEMP VIEW activities AS SELECT * FROM ${readerSql(actFile)}`);
  }
  const workbook: SqlWorkbook = {
    leadHeaders: await columns("leads"),
    activityHeaders: actFile ? await columns("activities") : null,
    matrix: await small(TAB.matrix),
    settings: await small(TAB.settings),
    lists: await small(TAB.lists),
  };
  const compiled = compileSql(workbook, { dialect: "duckdb", source: "workbook", ...options });
  if (compiled.unsupported.length) {
    throw new Error(
      `the query cannot score this matrix exactly as the engine does:\n${compiled.unsupported.map((p) => `  ${p.tab} row ${p.row}: ${p.message} ${p.fix}`).join("\n")}\nScore without --engine duckdb.`,
    );
  }
  const leads = leadsFile.toLowerCase().endsWith(".csv")
    ? (await readCsvTable(leadsFile)).values
    : await parquetGrid(db);
  // The query's rows are the scored leads in file order: each matches the next Leads row with a key. (Its
  // _row cannot index the grid: read_csv skips empty lines, which the grid keeps as blank rows.)
  const rows = new Map<number, CellValue[]>();
  const keyCol = findColumn(leads[0] ?? [], compiled.keyHeader);
  const key = (v: CellValue) => cellText(v).trim().toLowerCase();
  let r = 1;
  const result = await db.stream(compiled.sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    for (const row of chunk.getRows()) {
      while (r < leads.length && key(leads[r][keyCol]) === "") r++;
      if (r >= leads.length || key(leads[r][keyCol]) !== key(String(row[1]))) {
        throw new Error(`DuckDB's Leads rows do not line up with the file's at row ${r + 1}.`);
      }
      const cells = row.slice(2).map((v) => (typeof v === "bigint" ? Number(v) : (v as CellValue)));
      // Scored At follows the default model's columns, before the named models' (as outputRow writes).
      cells.splice(cells.length - compiled.modelHeaders.length, 0, options.asOf);
      rows.set(r + 1, cells);
      r++;
    }
  }
  return {
    leads,
    outputHeaders: [
      ...compiled.outputHeaders.slice(0, compiled.outputHeaders.length - compiled.modelHeaders.length),
      "Scored At",
      ...compiled.modelHeaders,
    ],
    rows,
    problems: compiled.problems,
    accounts: accounts ? await accountRows(db, workbook, options) : undefined,
  };
}

/** The account roll-up's query run: as few rows as accounts, so read whole. */
async function accountRows(
  db: DuckDBConnection,
  workbook: SqlWorkbook,
  options: { asOf: Date; timeZone: string },
): Promise<Grid> {
  // Its unsupported problems are the lead query's, refused above.
  const compiled = compileAccountsSql(workbook, { dialect: "duckdb", source: "workbook", ...options });
  const reader = await db.runAndReadAll(compiled.sql);
  const grid: Grid = [[...ACCOUNT_HEADERS]];
  for (const row of reader.getRows()) {
    grid.push([...row.map((v) => (typeof v === "bigint" ? Number(v) : (v as CellValue))), options.asOf]);
  }
  return grid;
}

/** A Parquet Leads table as a grid of text, for the output table. */
async function parquetGrid(db: DuckDBConnection): Promise<Grid> {
  // A single table's FROM keeps the file's order (duckdb.org/docs/stable/sql/dialect/order_preservation).
  const reader = await db.runAndReadAll("SELECT * FROM leads");
  const grid: Grid = [reader.columnNames()];
  for (const row of reader.getRows()) grid.push(row.map((v) => (v === null ? "" : String(v))));
  return grid;
}
