import { describe, expect, it } from "vitest";
import type { Grid, Problem } from "../../src/core/index";
import { validateWorkbook } from "../../src/core/index";
import { daysAgo, matrix, type RuleSpec, score } from "./helpers";

const leads: Grid = [
  ["Email", "Job Title", "Employees"],
  ["ann@acme.com", "VP", 200],
  ["bob@acme.com", "Engineer", 20],
];
const activities: Grid = [
  ["Timestamp", "Email", "Event", "Detail"],
  [daysAgo(1), "ann@acme.com", "Demo Request", ""],
];

/** Problems for a matrix holding one good rule (row 2) and the given rule (row 3). */
function ruleProblems(rule: RuleSpec): { problems: Problem[]; scores: number[] } {
  const run = score({
    leads,
    activities,
    matrix: matrix({ field: "Job Title", op: "=", value: "VP", points: 10 }, rule),
  });
  return { problems: run.problems, scores: run.leads.map((l) => l.score) };
}

function expectBroken(rule: RuleSpec, column: string, message: RegExp, fix: RegExp) {
  const { problems, scores } = ruleProblems(rule);
  expect(problems).toHaveLength(1);
  const p = problems[0];
  expect(p).toMatchObject({ tab: "Scoring Matrix", row: 3, column, severity: "error" });
  expect(p.message).toMatch(message);
  expect(p.message).toMatch(/rule is skipped/);
  expect(p.fix).toMatch(fix);
  expect(scores).toEqual([10, 0]); // the good rule still scores
}

describe("broken rules are reported and skipped", () => {
  it("unknown operator", () =>
    expectBroken(
      { field: "Job Title", op: "like", value: "VP", points: 5 },
      "Operator",
      /Unknown operator "like"/,
      /contains/,
    ));
  it("non-numeric points", () =>
    expectBroken(
      { field: "Job Title", op: "=", value: "VP", points: "ten" },
      "Points",
      /"ten" is not a number/,
      /number/,
    ));
  it("blank points", () =>
    expectBroken({ field: "Job Title", op: "=", value: "VP", points: "" }, "Points", /empty/, /number/));
  it("bad between range", () =>
    expectBroken(
      { field: "Employees", op: "between", value: "500..50", points: 5 },
      "Value",
      /not a range/,
      /low\.\.high/,
    ));
  it("text for a numeric operator", () =>
    expectBroken(
      { field: "Employees", op: ">", value: "big", points: 5 },
      "Value",
      /"big" is not a number/,
      /number/,
    ));
  it("invalid regex", () =>
    expectBroken(
      { field: "Job Title", op: "matches", value: "(vp", points: 5 },
      "Value",
      /not a valid regular expression/,
      /pattern/,
    ));
  it("unknown @List", () =>
    expectBroken(
      { field: "Email Domain", op: "in list", value: "@Partners", points: 5 },
      "Value",
      /No list named "Partners"/,
      /Lists tab/,
    ));
  it("a field that is neither a column nor a derived field", () =>
    expectBroken(
      { field: "Revenue", op: ">", value: 5, points: 5 },
      "Field",
      /"Revenue" is neither a Leads column nor a derived field/,
      /Email Domain/,
    ));
  it("an activity field that is not an Activity Log column", () =>
    expectBroken(
      { event: "Page View", field: "URL", op: "contains", value: "x", points: 5 },
      "Field",
      /not an Activity Log column/,
      /Detail/,
    ));
  it("unknown source", () =>
    expectBroken(
      { source: "CRM", field: "Job Title", op: "=", value: "VP", points: 5 },
      "Source",
      /Unknown Source "CRM"/,
      /Lead or Activity/,
    ));
  it("bad Max Count, Within Days, Half-life Days and Active", () => {
    expectBroken({ event: "Demo Request", points: 5, max: 0 }, "Max Count", /whole number/, /at most/);
    expectBroken(
      { event: "Demo Request", points: 5, within: "soon" },
      "Within Days",
      /number of days/,
      /days/,
    );
    expectBroken(
      { event: "Demo Request", points: 5, half: -3 },
      "Half-life Days",
      /number of days/,
      /0 for no decay/,
    );
    expectBroken({ active: "maybe", event: "Demo Request", points: 5 }, "Active", /not yes or no/, /TRUE/);
  });
  it("a missing Value", () =>
    expectBroken(
      { field: "Job Title", op: "=", value: "", points: 5 },
      "Value",
      /Value is empty/,
      /is blank/,
    ));
  it("inactive rules are skipped silently", () => {
    for (const active of [false, "no", 0, "FALSE"]) {
      const { problems, scores } = ruleProblems({ active, field: "Nope", op: "??", points: "x" });
      expect(problems).toEqual([]);
      expect(scores).toEqual([10, 0]);
    }
  });
});

describe("bad rows", () => {
  it("an activity with an unparseable timestamp is skipped and reported", () => {
    const run = score({
      leads,
      activities: [
        ...activities,
        ["last tuesday", "ann@acme.com", "Demo Request", ""],
        ["", "ann@acme.com", "Demo Request", ""],
      ],
      matrix: matrix({ event: "Demo Request", points: 10 }),
    });
    expect(run.leads[0].score).toBe(10);
    expect(run.problems).toHaveLength(2);
    expect(run.problems[0]).toMatchObject({
      tab: "Activity Log",
      row: 3,
      column: "Timestamp",
      severity: "error",
    });
    expect(run.problems[0].message).toContain('"last tuesday" is not a date');
    expect(run.problems[0].fix).toContain("ISO");
    expect(run.problems[1].message).toContain("no Timestamp");
  });
  it("an activity for an unknown lead is reported as a warning", () => {
    const run = score({
      leads,
      activities: [...activities, [daysAgo(2), "zed@nowhere.com", "Demo Request", ""]],
      matrix: matrix({ event: "Demo Request", points: 10 }),
    });
    expect(run.problems).toEqual([
      expect.objectContaining({ tab: "Activity Log", row: 3, column: "Email", severity: "warning" }),
    ]);
    expect(run.problems[0].message).toContain('"zed@nowhere.com"');
  });
  it("duplicate lead keys are reported; both rows are scored with the lead's activities", () => {
    const run = score({
      leads: [...leads, [" ANN@acme.com", "Engineer", 5]],
      activities,
      matrix: matrix({ event: "Demo Request", points: 10 }),
    });
    expect(run.leads.map((l) => [l.sheetRow, l.score])).toEqual([
      [2, 10],
      [3, 0],
      [4, 10],
    ]);
    expect(run.problems).toEqual([
      expect.objectContaining({ tab: "Leads", row: 4, column: "Email", severity: "warning" }),
    ]);
    expect(run.problems[0].message).toContain("also on row 2");
  });
  it("a lead without a key is skipped and reported; blank rows are ignored", () => {
    const run = score({
      leads: [...leads, ["", "VP", 1], ["", "", ""]],
      matrix: matrix({ field: "Job Title", op: "=", value: "VP", points: 10 }),
    });
    expect(run.leads.map((l) => l.sheetRow)).toEqual([2, 3]);
    expect(run.problems).toEqual([
      expect.objectContaining({ tab: "Leads", row: 4, column: "Email", severity: "error" }),
    ]);
  });
  it("a missing lead key column is one tab-level problem", () => {
    const run = score({
      leads: [["Name"], ["Ann"]],
      matrix: matrix({ field: "Name", op: "is not blank", points: 1 }),
    });
    expect(run.leads).toEqual([]);
    expect(run.problems[0]).toMatchObject({ tab: "Leads", row: 1, column: "Email" });
  });
  it("caps repetitive row problems with a summary line", () => {
    const bad: Grid = [["Timestamp", "Email", "Event"]];
    for (let i = 0; i < 150; i++) bad.push(["nope", "ann@acme.com", "x"]);
    const run = score({ leads, activities: bad, matrix: matrix({ event: "x", points: 1 }) });
    expect(run.problems).toHaveLength(101);
    expect(run.problems[100].message).toContain("50 more rows");
  });
});

describe("missing tabs", () => {
  it("a workbook without Activity Log or Lists is valid: activity rules match nothing", () => {
    const run = score({
      leads,
      matrix: matrix(
        { event: "Demo Request", field: "Detail", op: "contains", value: "x", points: 10 },
        { field: "Job Title", op: "=", value: "VP", points: 5 },
      ),
    });
    expect(run.problems).toEqual([]);
    expect(run.leads.map((l) => l.score)).toEqual([5, 0]);
  });
  it("validateWorkbook reports the same parse problems without scoring", () => {
    const input = { leads, matrix: matrix({ field: "Job Title", op: "like", value: "VP", points: 5 }) };
    const problems = validateWorkbook(input, "UTC");
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ tab: "Scoring Matrix", row: 2, column: "Operator" });
    // The only rule is broken: no rule can score, said once for the matrix.
    expect(problems[1]).toMatchObject({ tab: "Scoring Matrix", row: 0, message: /^No rule can score/ });
  });
  it("warns about an event no activity has (likely a typo)", () => {
    const run = score({ leads, activities, matrix: matrix({ event: "Demo Requst", points: 10 }) });
    expect(run.problems).toEqual([
      expect.objectContaining({ tab: "Scoring Matrix", row: 2, column: "Event", severity: "warning" }),
    ]);
  });
});
