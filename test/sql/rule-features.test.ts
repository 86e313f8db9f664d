// Only If, resets and frequency bands in SQL: a matrix that uses each of them (bands crossed at high
// counts, a reset per group, Only If chains with `not`) over many random activities per lead, DuckDB's
// scores against the engine's, and the same query for BigQuery checked by a GoogleSQL parser.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { Parser } from "node-sql-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSql } from "../../src/core/sql";
import type { CellValue, Grid, WorkbookInput } from "../../src/core/types";
import { AS_OF, DAY, matrix, type RuleSpec } from "../core/helpers";
import { expectSameScores } from "./compare";

const LEADS: Grid = [
  ["Email", "Title"],
  ["a@x.com", "VP Sales"],
  ["b@x.com", "Engineer"],
  ["c@x.com", "vp of it"],
  ["d@x.com", ""],
];

/** The rules; the Points of "Views", "Capped views" and "Stop" vary with the sample. */
const rules = (views: CellValue, capped: CellValue, stop: CellValue): RuleSpec[] => [
  { rule: "VP", group: "Fit", field: "Title", op: "contains", value: "vp", points: 5 },
  { rule: "Views", group: "Engagement", source: "Activity", event: "Page View", points: views },
  {
    rule: "Capped views",
    group: "Engagement",
    source: "Activity",
    event: "Page View",
    field: "Detail",
    op: "contains",
    value: "p",
    points: capped,
    max: 3,
    within: 30,
  },
  { rule: "Demos", group: "Engagement", source: "Activity", event: "Demo Request", points: 10, half: 7 },
  { rule: "Stop", group: "Engagement", source: "Activity", event: "Email Open", points: stop, within: 20 },
  {
    rule: "Pricing reset",
    group: "Extra",
    source: "Activity",
    event: "Page View",
    field: "Detail",
    op: "=",
    value: "/pricing",
    points: "reset",
  },
  { rule: "Extra views", group: "Extra", source: "Activity", event: "Page View", points: 2, max: 2 },
  {
    rule: "VP visitor",
    group: "Fit",
    source: "Activity",
    event: "Page View",
    points: 3,
    onlyIf: "VP, not Demos",
  },
  { rule: "Hot", group: "Fit", field: "Title", op: "is not blank", points: 8, onlyIf: "VP visitor, Stop" },
  {
    rule: "Cold",
    group: "Fit",
    field: "Email",
    op: "is not blank",
    points: -4,
    onlyIf: "not Hot, not extra views",
  },
  { rule: "Lonely", group: "Extra", field: "Title", op: "is blank", points: 1, onlyIf: "not Views" },
];

const features = fc
  .record({
    views: fc.constantFrom<CellValue>("1-2: 5, 3-4: 10, 6+: 20", "2: -4; 5+: 7", 1.5),
    capped: fc.constantFrom<CellValue>("1: 3, 2-3: 1.5", "3+: 9", "reset"),
    stop: fc.constantFrom<CellValue>("reset", "1+: -6", -2),
    activities: fc.array(
      fc.record({
        lead: fc.nat(4), // 4: no lead's
        event: fc.constantFrom("Page View", "Demo Request", "Email Open"),
        detail: fc.constantFrom("/pricing", "/blog", "/careers", ""),
        // Whole days often: activities at the same time as a reset (kept: only earlier ones are erased).
        age: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.double({ min: 0, max: 40, noNaN: true })),
      }),
      { maxLength: 60 },
    ),
  })
  .map(
    (w): WorkbookInput => ({
      leads: LEADS,
      activities: [
        ["Timestamp", "Email", "Event", "Detail"],
        ...w.activities.map((a) => [
          new Date(AS_OF.getTime() - a.age * DAY).toISOString(),
          `${"abcde"[a.lead]}@x.com`,
          a.event,
          a.detail,
        ]),
      ],
      matrix: matrix(...rules(w.views, w.capped, w.stop)),
      settings: [
        ["Setting", "Value", "", "Engagement Band", "Min Points"],
        ["Score floor", "none", "", "1", 20],
        ["Score ceiling", "none", "", "2", 0],
        ["Grade group", "Fit", "", "", ""],
        ["", "", "", "", ""],
        ["Grade", "Min Points", "", "", ""],
        ["A", 10],
        ["B", -100],
      ],
    }),
  );

let dir: string;
let instance: DuckDBInstance;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadscore-sql-features-"));
  instance = await DuckDBInstance.create(":memory:", { threads: "1" });
});
afterAll(async () => {
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
});

describe("Only If, resets and frequency bands in SQL", () => {
  it("DuckDB equals the engine on 60 samples of many activities", async () => {
    const samples = fc.sample(features, { numRuns: 60, seed: 3 });
    for (const [i, input] of samples.entries())
      await expectSameScores(instance, join(dir, String(i)), input, i);
  }, 600_000);

  it("compiles every feature for BigQuery, as text a GoogleSQL parser reads", () => {
    const parser = new Parser();
    for (const input of fc.sample(features, { numRuns: 9, seed: 5 })) {
      const { sql, unsupported, problems } = compileSql(
        {
          leadHeaders: input.leads[0],
          activityHeaders: input.activities![0],
          matrix: input.matrix,
          settings: input.settings,
        },
        { dialect: "bigquery", asOf: AS_OF, timeZone: "UTC", source: "workbook" },
      );
      expect(unsupported).toEqual([]);
      expect(problems.filter((p) => p.severity === "error")).toEqual([]);
      expect(() => parser.astify(sql, { database: "bigquery" })).not.toThrow();
    }
  });
});
