// Scores a CSV workbook folder with the in-memory engine and with DuckDB, for lead-by-lead comparison.

import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { expect } from "vitest";
import { scoreWithDuckDb } from "../../src/cli/duckdb-engine";
import { loadWorkbook } from "../../src/cli/workbook";
import { outputRow, scoreWorkbook } from "../../src/core";
import type { CellValue, WorkbookInput } from "../../src/core/types";
import { writeCsvFolder } from "../../src/local/workbook";
import { AS_OF } from "../core/helpers";

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

/** Writes `input` as a CSV folder and expects DuckDB's output, lead by lead, to equal the engine's. */
export async function expectSameScores(
  instance: DuckDBInstance,
  folder: string,
  input: WorkbookInput,
  i: number,
) {
  const tabs = [
    { name: "Leads", values: input.leads },
    { name: "Activity Log", values: input.activities! },
    { name: "Scoring Matrix", values: input.matrix! },
    { name: "Settings", values: input.settings! },
    ...(input.lists ? [{ name: "Lists", values: input.lists }] : []),
  ];
  await writeCsvFolder(folder, tabs);
  const engine = await engineScores(folder, AS_OF);
  const db = await instance.connect();
  try {
    const duck = await duckdbScores(folder, AS_OF, db);
    expect(duck.outputHeaders).toEqual(engine.outputHeaders);
    expect([...duck.rows.keys()]).toEqual([...engine.rows.keys()]);
    for (const [row, cells] of engine.rows) {
      expect({ workbook: i, row, cells: duck.rows.get(row) }).toEqual({ workbook: i, row, cells });
    }
  } finally {
    db.closeSync();
  }
}
