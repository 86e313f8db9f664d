// The runtime's GoogleSQL → DuckDB rewrite (src/local/gas/bigquery/googlesql.ts) undoes exactly the
// compiler's dialect table: the bigquery query, rewritten, returns what the duckdb query returns on the
// same tables, for the demo and for random workbooks (the property-test generator), in two time zones.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { compileSql } from "../../src/core/sql";
import { type Grid, TAB, type WorkbookInput } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import { GoogleSqlError, toDuckDb, tokenize } from "../../src/local/gas/bigquery/googlesql";
import { tableText } from "../../src/local/gas/bigquery/service";
import { SyncDuckDb } from "../../src/local/gas/bigquery/sync-duckdb";
import { AS_OF } from "../core/helpers";
import { workbook } from "../core/workbook-arbitrary";
import { demoTabs, inputOf } from "../e2e/helpers";

const db = new SyncDuckDb();
afterAll(() => db.close());

function load(name: string, grid: Grid | undefined): void {
  const [header = [], ...rows] = grid ?? [["Email"]];
  db.load({
    name,
    columns: header.map(String),
    rows: rows.map((r) => header.map((_, i) => tableText(r[i] ?? ""))),
  });
}

/** Rows of a result without its _row column, in a set order (BigQuery's query has no row order). */
function rowsOf(sql: string): string[] {
  return db
    .query(sql)
    .rows.map((r) => JSON.stringify(r.slice(1)))
    .sort();
}

function sameResults(input: WorkbookInput, asOf: Date, timeZone: string): void {
  load("leads", input.leads);
  if (input.activities) load("activities", input.activities);
  const source = {
    leadHeaders: input.leads[0] ?? [],
    activityHeaders: input.activities?.[0] ?? null,
    matrix: input.matrix,
    settings: input.settings,
    lists: input.lists,
  };
  const duck = compileSql(source, { dialect: "duckdb", asOf, timeZone });
  const bq = compileSql(source, { dialect: "bigquery", asOf, timeZone });
  expect(bq.unsupported).toEqual(duck.unsupported);
  const read: string[] = [];
  const rewritten = toDuckDb(bq.sql, (parts) => {
    read.push(parts.join("."));
    return parts.join(".");
  });
  expect(read).toEqual(input.activities ? ["leads", "activities"] : ["leads"]);
  expect(rowsOf(rewritten.sql)).toEqual(rowsOf(duck.sql));
}

describe("GoogleSQL rewritten for DuckDB", () => {
  it("gives the duckdb query's results on the demo", () => {
    const tabs = demoTabs();
    sameResults(inputOf(tabs), DEFAULT_END, "UTC");
    expect(tabs.some((t) => t.name === TAB.activities)).toBe(true);
  });

  it("gives the duckdb query's results on random workbooks, in UTC and in New York", () => {
    fc.assert(
      fc.property(workbook, fc.constantFrom("UTC", "America/New_York"), ({ input }, zone) => {
        sameResults(input, AS_OF, zone);
      }),
      { numRuns: 20 },
    );
  });

  it("reads GoogleSQL's escapes and raw strings, and keeps text in strings and names as data", () => {
    expect(tokenize(String.raw`'a\'b' "c\\d" r'\d' '\x41\u00e9' ` + "`x``y`").map((t) => t.text)).toEqual([
      "a'b",
      "c\\d",
      "\\d",
      "Aé",
      "x",
      "y",
    ]);
    // GoogleSQL escapes with a backslash (a doubled quote is two literals); DuckDB doubles the quote.
    const query = "SELECT 'it\\'s -- not a comment' AS `a\\`\"b`";
    expect(toDuckDb(query, () => "").sql).toBe(`SELECT 'it''s -- not a comment' AS "a\`""b"`);
  });

  it("refuses what is outside the subset rather than guessing", () => {
    expect(() => tokenize("SELECT '''x'''")).toThrow(GoogleSqlError);
    expect(() => tokenize("SELECT b'x'")).toThrow(GoogleSqlError);
    expect(() => tokenize("SELECT 'open")).toThrow(/Unclosed string/);
    expect(() => toDuckDb("SELECT @missing", () => "")).toThrow(/Query parameter 'missing' not found/);
  });
});
