// GA4's BigQuery export as the activities: a GA4-shaped DuckDB table (event_params a LIST of STRUCT, as
// BigQuery's REPEATED RECORD) scored through the GA4 view equals the engine on the same events written as
// an Activity Log, keyed by user_id or by user_pseudo_id.
import { DuckDBInstance } from "@duckdb/node-api";
import { Parser } from "node-sql-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outputRow, scoreWorkbook } from "../../src/core";
import { compileSql, dialect } from "../../src/core/sql";
import type { Grid } from "../../src/core/types";
import { AS_OF, DAY, matrix, settingsKV } from "../core/helpers";

const duck = dialect("duckdb");
const PARAMS =
  "STRUCT(key VARCHAR, value STRUCT(string_value VARCHAR, int_value BIGINT, float_value DOUBLE, double_value DOUBLE))[]";

interface Ga4Event {
  micros: number;
  name: string;
  user: string | null;
  page: string | null;
}

// Users u0..u5 (u5 is no lead's), anonymous events, events after the as-of time, sub-millisecond times.
const NAMES = ["page_view", "form_submit", "generate_lead", "scroll"];
const PAGES = ["https://acme.com/pricing", "https://acme.com/blog/a", null, "https://acme.com/careers"];
const EVENTS: Ga4Event[] = Array.from({ length: 60 }, (_, i) => ({
  micros:
    (AS_OF.getTime() - ((i * 7919) % 50) * DAY * 0.37 + ((i * 31) % 9) * 3_600_000) * 1000 +
    ((i * 613) % 1000),
  name: NAMES[(i * 3) % NAMES.length],
  user: i % 11 === 10 ? null : `u${(i * 5) % 6}`,
  page: PAGES[i % PAGES.length],
}));

const LEADS: Grid = [
  ["User ID", "Client ID", "Title"],
  ["u0", "p-u0", "VP Sales"],
  ["U1", "p-u1", "Engineer"],
  ["u2", "p-u2", ""],
  ["u3", "p-u3", "VP Marketing"],
  ["u4", "p-u4", "student"],
];
const MATRIX = matrix(
  { field: "Title", op: "starts with", value: "vp", points: 10 },
  {
    source: "Activity",
    event: "Page View",
    field: "Detail",
    op: "contains",
    value: "/pricing",
    points: 5,
    max: 2,
    half: 7,
  },
  { source: "Activity", event: "Form Submit", points: 20, within: 30 },
  { source: "Activity", event: "Generate Lead", field: "Detail", op: "is blank", points: 3 },
  { field: "Days Since Last Activity", op: "<", value: 3, points: 2 },
);

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const db = await instance.connect();
  const param = (key: string, v: string) =>
    `{'key': ${duck.string(key)}, 'value': {'string_value': ${v}, 'int_value': NULL, 'float_value': NULL, 'double_value': NULL}}`;
  const rows = EVENTS.map((e) => {
    // The page_location among other parameters, not first: it is found by key.
    const params = [
      param("ga_session_id", "NULL"),
      ...(e.page ? [param("page_location", duck.string(e.page))] : []),
    ];
    const user = e.user === null ? "NULL" : duck.string(e.user);
    const pseudo = e.user === null ? "'anon'" : duck.string(`p-${e.user}`);
    return `('20240601', ${e.micros}, ${duck.string(e.name)}, [${params.join(", ")}]::${PARAMS}, ${user}, ${pseudo})`;
  });
  await db.run("CREATE SCHEMA ga");
  await db.run(
    `CREATE TABLE ga.events_20240601 (event_date VARCHAR, event_timestamp BIGINT, event_name VARCHAR, event_params ${PARAMS}, user_id VARCHAR, user_pseudo_id VARCHAR)`,
  );
  await db.run(`INSERT INTO ga.events_20240601 VALUES ${rows.join(", ")}`);
  await db.run(
    `CREATE TABLE ga.leads AS SELECT * FROM (VALUES ${LEADS.slice(1)
      .map((r) => `(${r.map((v) => duck.string(String(v))).join(", ")})`)
      .join(", ")}) AS t("User ID", "Client ID", "Title")`,
  );
  db.closeSync();
});
afterAll(() => instance.closeSync());

/** The events as the engine's Activity Log: what the GA4 view documents (ga4.ts), in time order. */
function activityLog(user: "user_id" | "user_pseudo_id", key: string): Grid {
  const rows = EVENTS.filter((e) => e.user !== null)
    .sort((a, b) => a.micros - b.micros)
    .map((e) => [
      new Date(Math.floor(e.micros / 1000)).toISOString(),
      user === "user_id" ? e.user : `p-${e.user}`,
      e.name.replace(/_/g, " "),
      e.page ?? "",
    ]);
  return [["Timestamp", key, "Event", "Detail"], ...rows];
}

const settingsFor = (user: string, key: string) =>
  settingsKV({
    "Lead key": key,
    "BigQuery dataset": "ga",
    "BigQuery activities source": "GA4",
    "BigQuery activities table": "events_20240601",
    "BigQuery GA4 user field": user,
  });

describe("GA4's export as the activities", () => {
  for (const [user, key] of [
    ["user_id", "User ID"],
    ["user_pseudo_id", "Client ID"],
  ] as const) {
    it(`equals the engine on the same events as an Activity Log, keyed by ${user}`, async () => {
      const compiled = compileSql(
        // The sheet's Activity Log headers do not matter: GA4's columns are fixed.
        {
          leadHeaders: LEADS[0],
          activityHeaders: ["When", "Who"],
          matrix: MATRIX,
          settings: settingsFor(user, key),
        },
        { dialect: "duckdb", asOf: AS_OF, timeZone: "UTC" },
      );
      expect(compiled.unsupported).toEqual([]);
      expect(compiled.source).toMatchObject({
        leadsTable: "ga.leads",
        activitiesTable: "ga.events_20240601",
        activitiesSource: "GA4",
        activityColumns: [
          { header: "Timestamp", column: "event_timestamp" },
          { header: key, column: user },
          { header: "Event", column: "event_name" },
          { header: "Detail", column: "event_params page_location" },
        ],
      });
      const db = await instance.connect();
      try {
        const rows = (await db.runAndReadAll(compiled.sql)).getRows();
        const run = scoreWorkbook(
          {
            leads: LEADS,
            activities: activityLog(user, key),
            matrix: MATRIX,
            settings: settingsKV({ "Lead key": key }),
          },
          { asOf: AS_OF, timeZone: "UTC" },
        );
        expect(rows).toHaveLength(run.leads.length);
        // Scores that differ between leads, so that the comparison shows the events counted.
        expect(new Set(rows.map((r) => r[2])).size).toBeGreaterThan(2);
        for (const lead of run.leads) {
          const row = rows.find((r) => Number(r[0]) === lead.sheetRow - 1);
          expect({ lead: lead.sheetRow, cells: row?.slice(2) }).toEqual({
            lead: lead.sheetRow,
            cells: outputRow(run, lead).slice(0, -1),
          });
        }
      } finally {
        db.closeSync();
      }
    });
  }

  it("BigQuery's text reads the wildcard table and unnests event_params, and parses as GoogleSQL", () => {
    const { sql, unsupported, source } = compileSql(
      {
        leadHeaders: LEADS[0],
        activityHeaders: null,
        matrix: MATRIX,
        settings: settingsKV({
          "Lead key": "User ID",
          "BigQuery project": "my-project",
          "BigQuery dataset": "analytics_123456",
          "BigQuery activities source": "ga4",
        }),
      },
      { dialect: "bigquery", asOf: AS_OF, timeZone: "UTC" },
    );
    expect(unsupported).toEqual([]);
    expect(source.activitiesTable).toBe("my-project.analytics_123456.events_*");
    expect(sql).toContain("FROM `my-project.analytics_123456.events_*` WHERE user_id IS NOT NULL");
    expect(sql).toContain("FROM UNNEST(event_params) AS p WHERE p.key = 'page_location' LIMIT 1");
    expect(() => new Parser().astify(sql, { database: "bigquery" })).not.toThrow();
  });

  it("refuses an unknown activities source or user field, naming the row", () => {
    const refusals = (pairs: Record<string, string>) =>
      compileSql(
        { leadHeaders: LEADS[0], activityHeaders: null, matrix: MATRIX, settings: settingsKV(pairs) },
        { dialect: "bigquery", asOf: AS_OF, timeZone: "UTC" },
      ).unsupported.map((p) => ({ row: p.row, message: p.message }));
    expect(refusals({ "Lead key": "User ID", "BigQuery activities source": "Universal Analytics" })).toEqual([
      { row: 3, message: 'BigQuery activities source "Universal Analytics" is not Activity Log or GA4.' },
    ]);
    expect(refusals({ "BigQuery activities source": "GA4", "BigQuery GA4 user field": "email" })).toEqual([
      { row: 3, message: 'BigQuery GA4 user field "email" is not user_id or user_pseudo_id.' },
    ]);
  });
});
