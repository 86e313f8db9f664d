// The compiler's dialect table, its literals (user text is data, never SQL), the BigQuery text checked
// by a GoogleSQL parser, and rules the query refuses rather than score differently.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { Parser } from "node-sql-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSql, dialect } from "../../src/core/sql";
import { matrix, type RuleSpec } from "../core/helpers";

const AS_OF = new Date("2024-06-01T00:00:00Z");
const duck = dialect("duckdb");
const bq = dialect("bigquery");
let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:", { threads: "1" });
});
afterAll(() => instance.closeSync());

async function duckValue(expr: string): Promise<unknown> {
  const db = await instance.connect();
  try {
    return (await db.runAndReadAll(`SELECT ${expr} AS v`)).getRowObjectsJS()[0].v;
  } finally {
    db.closeSync();
  }
}

const bqParser = new Parser();
const parsesAsBigQuery = (sql: string) => bqParser.astify(sql, { database: "bigquery" });

const TRICKY = ["it's", "back\\slash", "-- comment", "`tick`", 'say "hi"', "new\nline", "\u2212 minus"];

describe("the dialect table", () => {
  it("string literals hold any text as data", async () => {
    for (const s of TRICKY) {
      expect(await duckValue(duck.string(s))).toBe(s);
      expect(() => parsesAsBigQuery(`SELECT ${bq.string(s)} AS v`)).not.toThrow();
    }
    expect(bq.string("it's \\")).toBe("'it\\'s \\\\'");
  });

  it("identifiers quote any header", async () => {
    const db = await instance.connect();
    try {
      const name = 'Job "Title" `x`';
      const r = await db.runAndReadAll(`SELECT 1 AS ${duck.ident(name)}`);
      expect(r.columnNames()).toEqual([name]);
    } finally {
      db.closeSync();
    }
    expect(bq.ident("a`b")).toBe("`a\\`b`");
  });

  it("doubles are exact, never DECIMAL", async () => {
    for (const x of [0.1, 0.5 - 1e-9, -7.25, 1e-7, 42]) expect(await duckValue(duck.double(x))).toBe(x);
    expect(bq.double(0.1)).toBe("CAST('0.1' AS FLOAT64)");
  });

  it("tryDouble is NULL for text that is not a number", async () => {
    expect(await duckValue(duck.tryDouble("'12.5'"))).toBe(12.5);
    expect(await duckValue(duck.tryDouble("'abc'"))).toBeNull();
    expect(bq.tryDouble("x")).toBe("SAFE_CAST(x AS FLOAT64)");
  });

  it("regexMatch, regexExtract and regexReplaceAll", async () => {
    expect(await duckValue(duck.regexMatch("'VP Sales'", "'(?i)vp'"))).toBe(true);
    expect(await duckValue(duck.regexExtract("'a@b.com'", "'@([^@]*)$'"))).toBe("b.com");
    expect(await duckValue(duck.regexExtract("'ab'", "'@([^@]*)$'"))).toBeNull();
    expect(await duckValue(duck.regexReplaceAll("'a  b   c'", "' +'", "' '"))).toBe("a b c");
    expect(bq.regexMatch("t", "p")).toBe("REGEXP_CONTAINS(t, p)");
    expect(bq.regexReplaceAll("t", "p", "r")).toBe("REGEXP_REPLACE(t, p, r)");
  });

  it("wallMs gives a zone's wall clock", async () => {
    // 2024-01-15T12:00Z is 07:00 in New York (UTC−5).
    const t = Date.UTC(2024, 0, 15, 12);
    expect(await duckValue(duck.wallMs(duck.double(t), "'America/New_York'"))).toBe(t - 5 * 3_600_000);
    expect(() => parsesAsBigQuery(`SELECT ${bq.wallMs("1.0", "'America/New_York'")} AS v`)).not.toThrow();
  });

  it("identifiers escape control characters in GoogleSQL, as its strings do", () => {
    expect(bq.ident("a\nb")).toBe("`a\\nb`");
    expect(() => parsesAsBigQuery(`SELECT 1 AS ${bq.ident("new\nline 'q'")}`)).not.toThrow();
  });

  it("table paths: each part quoted in DuckDB, one quoted path in BigQuery (wildcards need it)", async () => {
    const db = await instance.connect();
    try {
      await db.run(`CREATE SCHEMA IF NOT EXISTS ${duck.ident('cr"m')}`);
      await db.run(`CREATE OR REPLACE TABLE ${duck.table(['cr"m', "my leads"])} AS SELECT 7 AS x`);
      const r = await db.runAndReadAll(`SELECT x FROM ${duck.table(["memory", 'cr"m', "my leads"])}`);
      expect(r.getRowObjectsJS()).toEqual([{ x: 7 }]);
    } finally {
      db.closeSync();
    }
    expect(bq.table(["my-project", "analytics_1", "events_*"])).toBe("`my-project.analytics_1.events_*`");
    expect(() => parsesAsBigQuery(`SELECT x FROM ${bq.table(["my-project", "crm", "leads"])}`)).not.toThrow();
  });

  it("unnest: a LIST of STRUCT (BigQuery's REPEATED RECORD) as rows named by an alias", async () => {
    const params =
      "[{'key': 'a', 'value': {'string_value': 'x'}}, {'key': 'b', 'value': {'string_value': 'y'}}]";
    const pick = (d: typeof duck, arr: string) =>
      `(SELECT p.value.string_value FROM ${d.unnest(arr, "p")} WHERE p.key = 'b' LIMIT 1)`;
    expect(await duckValue(pick(duck, params))).toBe("y");
    expect(bq.unnest("event_params", "p")).toBe("UNNEST(event_params) AS p");
    expect(() => parsesAsBigQuery(`SELECT ${pick(bq, "event_params")} AS v FROM t`)).not.toThrow();
  });

  it("row order: DuckDB numbers a CSV's rows in file order, over many chunks and threads; none in BigQuery", async () => {
    expect(bq.rowOrder).toBeNull();
    const dir = await mkdtemp(join(tmpdir(), "leadscore-order-"));
    const two = await DuckDBInstance.create(":memory:", { threads: "2" });
    const db = await two.connect();
    try {
      const file = join(dir, "rows.csv");
      await writeFile(file, `n\n${Array.from({ length: 50_000 }, (_, i) => `${i + 1}`).join("\n")}\n`);
      await db.run(`CREATE VIEW t AS SELECT * FROM read_csv(${duck.string(file)}, all_varchar = true)`);
      const r = await db.runAndReadAll(
        `SELECT COUNT(*) AS n, SUM(CASE WHEN CAST(n AS BIGINT) = r THEN 1 ELSE 0 END) AS same FROM (SELECT n, ${duck.rowOrder} AS r FROM t)`,
      );
      expect(r.getRowObjectsJS()).toEqual([{ n: 50_000n, same: 50_000n }]);
    } finally {
      db.closeSync();
      two.closeSync();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const leadHeaders = ["Email", "Title", "Employees", "Created"];
const activityHeaders = ["Timestamp", "Email", "Event", "Detail"];
function compile(rules: RuleSpec[], name: "duckdb" | "bigquery", timeZone = "UTC") {
  return compileSql(
    { leadHeaders, activityHeaders, matrix: matrix(...rules) },
    { dialect: name, asOf: AS_OF, timeZone },
  );
}

describe("compiled queries", () => {
  const rules: RuleSpec[] = [
    ...TRICKY.map((value, i) => ({
      rule: `Odd ${value}`,
      field: "Title",
      op: "contains",
      value,
      points: i + 1,
    })),
    { field: "Title", op: "in list", value: "a'b, c\\d", points: 2 },
    { field: "Title", op: "matches", value: "^(vp|head)\\b", points: 3 },
    { field: "Employees", op: "between", value: "10..1,000", points: 4 },
    { field: "Email Domain", op: "=", value: "acme.com", points: 1 },
    { field: "Days Since Created", op: ">", value: 30, points: 1 },
    {
      source: "Activity",
      event: "Page View",
      field: "Detail",
      op: "contains",
      value: "'--",
      points: 2,
      max: 2,
      half: 7,
    },
    { source: "Activity", event: "Demo Request", points: 25, within: 30 },
  ];

  it("BigQuery's text parses as GoogleSQL, in UTC and in a zone", () => {
    expect(() => parsesAsBigQuery(compile(rules, "bigquery").sql)).not.toThrow();
    expect(() => parsesAsBigQuery(compile(rules, "bigquery", "Europe/Berlin").sql)).not.toThrow();
  });

  it("values with quotes, backslashes and comments are data: DuckDB matches them literally", async () => {
    const db = await instance.connect();
    try {
      await db.run(
        `CREATE OR REPLACE TABLE leads AS SELECT * FROM (VALUES ${TRICKY.map((t, i) => `('l${i}@x.com', ${duck.string(`x ${t} y`)}, NULL, NULL)`).join(", ")}) AS t("Email", "Title", "Employees", "Created")`,
      );
      await db.run(
        `CREATE OR REPLACE TABLE activities ("Timestamp" VARCHAR, "Email" VARCHAR, "Event" VARCHAR, "Detail" VARCHAR)`,
      );
      const { sql, unsupported } = compile(rules, "duckdb");
      expect(unsupported).toEqual([]);
      const rows = (await db.runAndReadAll(sql)).getRowObjectsJS();
      expect(rows.map((r) => r["Top Reasons"])).toEqual(TRICKY.map((t, i) => `Odd ${t} +${i + 1}`));
    } finally {
      db.closeSync();
    }
  });

  it("parses each column once, however many rules and timestamp parts read it", () => {
    for (const name of ["duckdb", "bigquery"] as const) {
      const { sql } = compile(rules, name, "Europe/Berlin");
      for (const header of ["Title", "Created", "Timestamp", "Detail"]) {
        const cast = `CAST(${dialect(name).ident(header)} AS ${dialect(name).text})`;
        // Trimmed once (the raw text read three times: the test for padding, TRIM, the unpadded text),
        // and a timestamp's raw text read twice more, by the serial-date test and its cast.
        const expected = header === "Created" || header === "Timestamp" ? 5 : 3;
        expect({ header, count: sql.split(cast).length - 1 }).toEqual({ header, count: expected });
      }
    }
  });

  it("refuses a lookbehind, naming the rule", () => {
    const { unsupported } = compile(
      [{ rule: "After VP", field: "Title", op: "matches", value: "(?<=vp )sales", points: 5 }],
      "duckdb",
    );
    expect(unsupported).toHaveLength(1);
    expect(unsupported[0]).toMatchObject({ tab: "Scoring Matrix", row: 2, column: "Value" });
    expect(unsupported[0].message).toContain('Rule "After VP"');
  });

  it("refuses text operators on a fraction of days", () => {
    const { unsupported } = compile(
      [{ field: "Days Since Created", op: "contains", value: "3", points: 1 }],
      "bigquery",
    );
    expect(unsupported[0].message).toContain("Days Since Created");
  });
});
