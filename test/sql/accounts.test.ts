// The account roll-up in SQL: on 60 random account workbooks written as CSV folders, DuckDB's Accounts
// table equals rollUpAccounts's (accountGrid) on every column, row by row; BigQuery's text parses.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { Parser } from "node-sql-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreWithDuckDb } from "../../src/cli/duckdb-engine";
import { loadWorkbook } from "../../src/cli/workbook";
import { scoreWorkbook } from "../../src/core";
import { accountGrid, rollUpAccounts } from "../../src/core/accounts";
import { compileAccountsSql } from "../../src/core/sql";
import type { WorkbookInput } from "../../src/core/types";
import { writeCsvFolder } from "../../src/local/workbook";
import { AS_OF } from "../core/helpers";
import { accountWorkbook } from "../core/workbook-arbitrary";

let dir: string;
let instance: DuckDBInstance;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadscore-sql-accounts-"));
  instance = await DuckDBInstance.create(":memory:", { threads: "1" });
});
afterAll(async () => {
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
});

async function writeFolder(folder: string, input: WorkbookInput) {
  await writeCsvFolder(folder, [
    { name: "Leads", values: input.leads },
    { name: "Activity Log", values: input.activities! },
    { name: "Scoring Matrix", values: input.matrix! },
    { name: "Settings", values: input.settings! },
    ...(input.lists ? [{ name: "Lists", values: input.lists }] : []),
  ]);
}

/** Some leads repeated further down (key re-spelt, another Company): each counts once, by its first row. */
const withRepeats = fc
  .record({
    base: accountWorkbook,
    repeat: fc.array(fc.nat(7), { maxLength: 3 }),
    company: fc.constantFrom("Initech", ""),
  })
  .map(({ base, repeat, company: name }): WorkbookInput => {
    const leads = base.input.leads;
    const company = leads[0].length - 1;
    const copies = repeat.flatMap((i) => {
      const row = leads[i + 1];
      return row ? [[` ${String(row[0]).toUpperCase()} `, ...row.slice(1, company), name]] : [];
    });
    return { ...base.input, leads: [...leads, ...copies] };
  });

const samples = fc.sample(withRepeats, { numRuns: 60, seed: 23 });

describe("the account roll-up in SQL", () => {
  it("DuckDB's Accounts table equals the engine's on 60 account workbooks", async () => {
    let accounts = 0;
    for (const [i, input] of samples.entries()) {
      const folder = join(dir, String(i));
      await writeFolder(folder, input);
      const loaded = (await loadWorkbook(folder)).input;
      const want = accountGrid(
        rollUpAccounts(loaded, scoreWorkbook(loaded, { asOf: AS_OF, timeZone: "UTC" })),
        AS_OF,
      );
      const db = await instance.connect();
      try {
        const run = await scoreWithDuckDb(folder, { asOf: AS_OF, timeZone: "UTC", accounts: true }, db);
        expect({ workbook: i, accounts: run.accounts }).toEqual({ workbook: i, accounts: want });
      } finally {
        db.closeSync();
      }
      accounts += want.length - 1;
    }
    // The samples exercise the roll-up: most of them have accounts.
    expect(accounts).toBeGreaterThan(samples.length);
  }, 600_000);

  it("BigQuery's text parses as GoogleSQL", () => {
    const parser = new Parser();
    for (const input of samples.slice(0, 20)) {
      const { sql } = compileAccountsSql(
        {
          leadHeaders: input.leads[0],
          activityHeaders: input.activities![0],
          matrix: input.matrix,
          settings: input.settings,
          lists: input.lists,
        },
        { dialect: "bigquery", asOf: AS_OF, timeZone: "Europe/Berlin" },
      );
      expect(() => parser.astify(sql, { database: "bigquery" })).not.toThrow();
    }
  });
});
