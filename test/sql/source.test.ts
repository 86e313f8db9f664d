// Tables and columns named by Settings' BigQuery rows and its Column | BigQuery column | Tab table: the
// query reads renamed tables and columns (with quotes, backticks, spaces) and scores as the engine does;
// names the query cannot use refuse it, naming the Settings row; the output order without row numbers.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { Parser } from "node-sql-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSql, dialect } from "../../src/core/sql";
import type { CellValue, Grid, WorkbookInput } from "../../src/core/types";
import { writeCsvFolder } from "../../src/local/workbook";
import { AS_OF, matrix, settingsKV } from "../core/helpers";
import { workbook } from "../core/workbook-arbitrary";
import { engineScores } from "./compare";

const duck = dialect("duckdb");
const parsesAsBigQuery = (sql: string) => new Parser().astify(sql, { database: "bigquery" });

/** Each tab's header → the renamed source column (Tab blank: both tabs). */
const MAPPING: [string, string, string][] = [
  ["Email", 'e-mail "addr"', "Leads"],
  ["Email", "who`s", "Activity Log"],
  ["Title", "job`title", ""],
  ["Employees", "size 'n'", ""],
  ["Timestamp", "at", ""],
  ["Event", "what", "activity log"],
  ["Detail", "page\\path", ""],
];

/** The sample's Settings with the BigQuery rows and the mapping table beside its tables. */
function bigQuerySettings(settings: Grid, mapping = MAPPING): Grid {
  const width = Math.max(...settings.map((r) => r.length));
  const rows: CellValue[][] = settings.map((r) => [...r, ...Array(width - r.length).fill("")]);
  const kv: [string, string][] = [
    ["BigQuery dataset", "crm"],
    ["BigQuery leads table", "lead list"],
    ["BigQuery activities table", "touch-points"],
  ];
  for (const [k, v] of kv) rows.push([k, v, ...Array(width - 2).fill("")]);
  while (rows.length <= mapping.length) rows.push(Array(width).fill(""));
  rows[0].push("", "Column", "BigQuery column", "Tab");
  for (let r = 1; r < rows.length; r++) rows[r].push("", ...(mapping[r - 1] ?? ["", "", ""]));
  return rows;
}

/** The CSV tab as a DuckDB table with the mapped column names. */
function renamedTable(
  file: string,
  tab: "Leads" | "Activity Log",
  headers: readonly CellValue[],
  table: string,
) {
  const cols = headers.map((h) => {
    const m = MAPPING.find(
      ([header, , t]) => header === h && (t === "" || t.toLowerCase() === tab.toLowerCase()),
    );
    return `${duck.ident(String(h))} AS ${duck.ident(m ? m[1] : String(h))}`;
  });
  return `CREATE OR REPLACE TABLE ${duck.table(["crm", table])} AS SELECT ${cols.join(", ")} FROM read_csv(${duck.string(file)}, all_varchar = true)`;
}

let dir: string;
let instance: DuckDBInstance;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadscore-sql-source-"));
  instance = await DuckDBInstance.create(":memory:", { threads: "1" });
});
afterAll(async () => {
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
});

describe("tables and columns named in Settings", () => {
  it("reads renamed tables and columns and scores as the engine does, by row and in score order", async () => {
    const samples = fc.sample(workbook, { numRuns: 40, seed: 99 });
    const db = await instance.connect();
    try {
      await db.run("CREATE SCHEMA IF NOT EXISTS crm");
      for (const [i, { input }] of samples.entries()) {
        const folder = join(dir, String(i));
        await writeCsvFolder(folder, [
          { name: "Leads", values: input.leads },
          { name: "Activity Log", values: input.activities! },
          { name: "Scoring Matrix", values: input.matrix! },
          { name: "Settings", values: input.settings! },
        ]);
        const engine = await engineScores(folder, AS_OF);
        await db.run(renamedTable(join(folder, "Leads.csv"), "Leads", input.leads[0], "lead list"));
        await db.run(
          renamedTable(
            join(folder, "Activity Log.csv"),
            "Activity Log",
            input.activities![0],
            "touch-points",
          ),
        );
        const order = i % 2 === 0 ? "rows" : "score";
        const compiled = compileSql(
          {
            leadHeaders: input.leads[0],
            activityHeaders: input.activities![0],
            matrix: input.matrix,
            settings: bigQuerySettings(input.settings!),
          },
          { dialect: "duckdb", asOf: AS_OF, timeZone: "UTC", order },
        );
        expect(compiled.unsupported).toEqual([]);
        expect(compiled.order).toBe(order);
        const rows = (await db.runAndReadAll(compiled.sql)).getRows();
        expect(rows).toHaveLength(engine.rows.size);
        const byKey = new Map(
          [...engine.rows].map(([r, cells]) => [input.leads[r - 1][0], cells.slice(0, -1)]),
        );
        rows.forEach((row, k) => {
          const cells = row.slice(2);
          expect({ i, key: row[1], cells }).toEqual({ i, key: row[1], cells: byKey.get(String(row[1])) });
          if (order === "rows") expect(input.leads[Number(row[0])][0]).toBe(row[1]);
          else {
            expect(Number(row[0])).toBe(k + 1);
            if (k > 0) expect(Number(rows[k - 1][2])).toBeGreaterThanOrEqual(Number(row[2]));
            if (k > 0 && rows[k - 1][2] === row[2])
              expect(String(rows[k - 1][1]) < String(row[1])).toBe(true);
          }
        });
        if (i === 0) {
          const bq = (mapping: typeof MAPPING) =>
            compileSql(
              {
                leadHeaders: input.leads[0],
                activityHeaders: input.activities![0],
                matrix: input.matrix,
                settings: bigQuerySettings(input.settings!, mapping),
              },
              { dialect: "bigquery", asOf: AS_OF, timeZone: "UTC" },
            );
          const escaped = bq(MAPPING);
          expect(escaped.order).toBe("score");
          expect(escaped.sql).toContain("FROM `crm.lead list`");
          // GoogleSQL's quoted identifiers take string escapes; node-sql-parser reads no escaped backtick.
          expect(escaped.sql).toContain("`job\\`title`");
          const plain = bq(MAPPING.map(([h, c, t]) => [h, c.replace(/`/g, "_"), t]));
          expect(() => parsesAsBigQuery(plain.sql)).not.toThrow();
        }
      }
    } finally {
      db.closeSync();
    }
  }, 300_000);

  const input: WorkbookInput = {
    leads: [["Email", "Title"]],
    activities: [["Timestamp", "Email", "Event", "Detail"]],
    matrix: matrix({ field: "Title", op: "=", value: "VP", points: 5 }),
  };
  const compile = (settings: Grid, tables?: { leads?: string; activities?: string }) =>
    compileSql(
      { leadHeaders: input.leads[0], activityHeaders: input.activities![0], matrix: input.matrix, settings },
      { dialect: "bigquery", asOf: AS_OF, timeZone: "UTC", tables },
    );

  it("resolves project, dataset and tables, and shows every column it reads", () => {
    const c = compile(
      settingsKV({
        "BigQuery project": "my-project",
        "BigQuery dataset": "crm",
        "BigQuery leads table": "people",
      }),
    );
    expect(c.unsupported).toEqual([]);
    expect(c.source).toEqual({
      leadsTable: "my-project.crm.people",
      activitiesTable: "my-project.crm.activities",
      activitiesSource: "Activity Log",
      leadColumns: [
        { header: "Email", column: "Email" },
        { header: "Title", column: "Title" },
      ],
      activityColumns: ["Timestamp", "Email", "Event", "Detail"].map((h) => ({ header: h, column: h })),
    });
    expect(c.sql).toContain("FROM `my-project.crm.people`");
    expect(c.sql).toContain("FROM `my-project.crm.activities`");
    // Blank settings: today's tables.
    expect(compile(settingsKV({})).source.leadsTable).toBe("leads");
    expect(compile(settingsKV({}), { leads: "p-roject.ds.t1" }).source.leadsTable).toBe("p-roject.ds.t1");
  });

  it("refuses a name that could change the query, naming its Settings row", () => {
    for (const [name, value] of [
      ["BigQuery leads table", "leads` WHERE FALSE --"],
      ["BigQuery dataset", "crm.x"],
      ["BigQuery project", "My Project"],
      ["BigQuery activities table", "a*b"],
    ]) {
      const c = compile(settingsKV({ "Lead key": "Email", [name]: value }));
      expect(c.unsupported).toHaveLength(1);
      expect(c.unsupported[0]).toMatchObject({ tab: "Settings", row: 3, column: "Value" });
      expect(c.unsupported[0].message).toContain(name);
      expect(c.sql).not.toContain(value);
    }
    const lone = compile(settingsKV({ "BigQuery project": "my-project" }));
    expect(lone.unsupported[0]).toMatchObject({ row: 2 });
    expect(lone.unsupported[0].message).toContain("BigQuery dataset is blank");
    expect(compile(settingsKV({}), { leads: "a.b`c" }).unsupported[0].message).toContain('"a.b`c"');
  });

  it("the mapping table: an unknown header warns, an unknown Tab refuses", () => {
    const c = compile([
      ["Setting", "Value", "", "Column", "BigQuery column", "Tab"],
      ["Lead key", "Email", "", "Titel", "title", ""],
      ["", "", "", "Title", "title", "Contacts"],
    ]);
    expect(c.problems).toContainEqual(
      expect.objectContaining({ tab: "Settings", row: 2, column: "Column", severity: "warning" }),
    );
    expect(c.unsupported).toEqual([expect.objectContaining({ tab: "Settings", row: 3, column: "Tab" })]);
  });
});
