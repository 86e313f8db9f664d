// Scores a CSV workbook folder with the in-memory engine and with DuckDB, for lead-by-lead comparison.

import type { DuckDBConnection } from "@duckdb/node-api";
import { scoreWithDuckDb } from "../../src/cli/duckdb-engine";
import { loadWorkbook } from "../../src/cli/workbook";
import { outputRow, scoreWorkbook } from "../../src/core";
import type { CellValue } from "../../src/core/types";

export interface Scored {
  outputHeaders: string[];
  rows: Map<number, CellValue[]>;
}

export async function engineScores(dir: string, asOf: Date, timeZone = "UTC"): Promise<Scored> {
  const { input } = await loadWorkbook(dir);
  const run = scoreWorkbook(input, { asOf, timeZone });
  return {
    outputHeaders: run.outputHeaders,
    rows: new Map(run.leads.map((l) => [l.sheetRow, outputRow(run, l)])),
  };
}

export async function duckdbScores(
  dir: string,
  asOf: Date,
  connection?: DuckDBConnection,
  timeZone = "UTC",
): Promise<Scored> {
  const run = await scoreWithDuckDb(dir, { asOf, timeZone }, connection);
  return { outputHeaders: run.outputHeaders, rows: run.rows };
}
