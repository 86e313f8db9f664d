// Scores a CSV workbook folder with the in-memory engine and with DuckDB, for lead-by-lead comparison.
import { outputRow, scoreWorkbook } from "../../src/core";
import type { CellValue } from "../../src/core/types";
import { scoreWithDuckDb } from "../../src/cli/duckdb-engine";
import { loadWorkbook } from "../../src/cli/workbook";

export interface Scored {
  outputHeaders: string[];
  rows: Map<number, CellValue[]>;
}

export async function engineScores(dir: string, asOf: Date, timeZone = "UTC"): Promise<Scored> {
  const { input } = await loadWorkbook(dir);
  const run = scoreWorkbook(input, { asOf, timeZone });
  return { outputHeaders: run.outputHeaders, rows: new Map(run.leads.map((l) => [l.sheetRow, outputRow(run, l)])) };
}

export async function duckdbScores(dir: string, asOf: Date, timeZone = "UTC"): Promise<Scored> {
  const run = await scoreWithDuckDb(dir, { asOf, timeZone });
  return { outputHeaders: run.outputHeaders, rows: run.rows };
}
