// 400+ random workbooks from the property-test generator (the same with a rule of every operator added,
// with Only If, resets, frequency bands and a Priority grid, and with a second model), written as CSV
// folders: DuckDB's scores equal the engine's on every output column, lead by lead.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { Grid, WorkbookInput } from "../../src/core/types";
import { matrix, type RuleSpec } from "../core/helpers";
import { workbook, workbookWith } from "../core/workbook-arbitrary";
import { expectSameScores } from "./compare";

/** A rule of each operator and derived field, on the generator's columns. */
const extraRule: fc.Arbitrary<RuleSpec> = fc
  .record({
    points: fc.oneof(fc.integer({ min: -15, max: 15 }), fc.constantFrom(0.04, 7.25, -0.5)),
    cond: fc.constantFrom<Omit<RuleSpec, "points">>(
      { field: "Title", op: "!=", value: "engineer" },
      { field: "Title", op: "not contains", value: "vp" },
      { field: "Title", op: "starts with", value: "head" },
      { field: "Title", op: "ends with", value: "sales" },
      { field: "Title", op: "in list", value: "student, Engineer" },
      { field: "Title", op: "not in list", value: "@Titles" },
      { field: "Title", op: "matches", value: "^(vp|head)\\b" },
      { field: "Title", op: "is blank" },
      { field: "Employees", op: "is not blank" },
      { field: "Employees", op: "=", value: "80" },
      { field: "Employees", op: ">=", value: "1,200" },
      { field: "Employees", op: "<", value: 100 },
      { field: "Employees", op: "<=", value: 300 },
      { field: "Employees", op: "in list", value: "5, 1200" },
      { field: "Email Domain", op: "=", value: "acme.com" },
      { field: "Activity Count", op: ">", value: 2 },
      { field: "Activity Count", op: "contains", value: "1" },
      { field: "Days Since Last Activity", op: "<", value: 10 },
      { source: "Activity", event: "Page View", field: "Detail", op: "matches", value: "/(pricing|blog)" },
      { source: "Activity", event: "Email Open", field: "Detail", op: "is blank", max: 2, half: 3 },
      { source: "Activity", field: "Event", op: "in list", value: "demo request, page view", within: 14 },
      { source: "Activity", event: "Demo Request", field: "Detail", op: "=", value: "/careers" },
    ),
  })
  .map(({ cond, points }) => ({ ...cond, points }));

const extended = fc
  .record({ base: workbook, extra: fc.array(extraRule, { minLength: 1, maxLength: 5 }) })
  .map(({ base, extra }): WorkbookInput => {
    const rows = matrix(...extra).slice(1);
    const settings: Grid = [
      ...base.input.settings!.map((r) => [...r, "", "Tier", "Min Score", "", "Grade", "Min Points"]),
    ];
    settings[0].splice(6, 6, "", "Tier", "Min Score", "", "Grade", "Min Points");
    const tiers = [
      ["Low", -20],
      ["Mid", 5],
      ["High", 25],
    ];
    const grades = [
      ["Z", -10],
      ["Y", 2.5],
      ["X", 12],
    ];
    // A Priority grid: grade + the band of every group but Extra (the grade group).
    const bands = [
      [1, 15],
      [2, 0.5],
      [3, -5],
    ];
    settings[0].push("", "Engagement Band", "Min Points");
    for (let i = 1; i < settings.length; i++) {
      settings[i].splice(6, 6, "", tiers[i - 1][0], tiers[i - 1][1], "", grades[i - 1][0], grades[i - 1][1]);
      settings[i].push("", bands[i - 1][0], bands[i - 1][1]);
    }
    settings.push(["Grade group", "Extra"]);
    return {
      ...base.input,
      matrix: [...base.input.matrix, ...rows],
      settings,
      lists: [["Titles"], ["VP Sales"], ["student"]],
    };
  });

let dir: string;
let instance: DuckDBInstance;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadscore-sql-"));
  // One thread: a loaded 2-core CI gains nothing from more, and the small queries run as fast on one.
  instance = await DuckDBInstance.create(":memory:", { threads: "1" });
});
afterAll(async () => {
  instance.closeSync();
  await rm(dir, { recursive: true, force: true });
});

const expectSame = (input: WorkbookInput, i: number) =>
  expectSameScores(instance, join(dir, String(i)), input, i);

describe("DuckDB on random workbooks", () => {
  it("equals the engine on 150 workbooks of the property tests", async () => {
    const samples = fc.sample(workbook, { numRuns: 150, seed: 17 });
    for (const [i, { input }] of samples.entries()) await expectSame(input, i);
  }, 600_000);

  it("equals the engine on 100 workbooks with a rule of every operator added", async () => {
    const samples = fc.sample(extended, { numRuns: 100, seed: 42 });
    for (const [i, input] of samples.entries()) await expectSame(input, 1000 + i);
  }, 600_000);

  it("equals the engine on 80 workbooks with Only If, resets, frequency bands and Priority", async () => {
    const samples = fc.sample(workbookWith({ ruleFeatures: true }), { numRuns: 80, seed: 7 });
    for (const [i, { input }] of samples.entries()) await expectSame(input, 2000 + i);
  }, 600_000);

  it("equals the engine on 30 workbooks with a second model (its own tiers in some)", async () => {
    const samples = fc.sample(workbookWith({ ruleFeatures: true, models: true }), { numRuns: 30, seed: 11 });
    for (const [i, { input }] of samples.entries()) await expectSame(input, 3000 + i);
  }, 600_000);
});
