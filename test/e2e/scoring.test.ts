// Full and incremental scoring runs through the built dist/Code.js in the local runtime.
import { describe, expect, it } from "vitest";
import { scoreWorkbook } from "../../src/core";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import { demoTabs, engineOutputs, inputOf, loadAddon, plain, sheetOutputs } from "./helpers";

const OUTPUTS = [
  "Score",
  "Tier",
  "Grade",
  "Priority",
  "Fit Score",
  "Engagement Score",
  "Top Reasons",
  "Scored At",
  // The demo's second model.
  "Enterprise Score",
  "Enterprise Tier",
  "Enterprise Grade",
  "Enterprise Priority",
  "Enterprise Top Reasons",
];

function plainRows(rows: Map<number, Record<string, unknown>>) {
  return new Map(
    [...rows].map(([r, o]) => [
      r,
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v as never)])),
    ]),
  );
}

describe("Score all leads now", () => {
  it("writes exactly the engine's outputs and leaves every user column as it was", () => {
    const tabs = demoTabs();
    const { runtime, script } = loadAddon(tabs);
    const before = runtime.values(TAB.leads).map((r) => r.slice());
    script.call("menuScoreAll");

    const leads = runtime.values(TAB.leads);
    const expected = engineOutputs(inputOf(tabs), DEFAULT_END);
    expect(plainRows(sheetOutputs(leads, OUTPUTS))).toEqual(plainRows(expected));
    // User columns: the original width, untouched; the output headers were appended at the right.
    const width = before[0].length;
    expect(leads.map((r) => r.slice(0, width))).toEqual(before);
    expect(leads[0].slice(width)).toEqual(OUTPUTS);
    expect(runtime.ui.toasts.at(-1)?.message).toMatch(/^Scored 2000 leads: /);
  });

  it("gives the same sheet on a rerun", () => {
    const { runtime, script } = loadAddon(demoTabs());
    script.call("menuScoreAll");
    const first = runtime.tabs();
    script.call("menuScoreAll");
    expect(runtime.tabs()).toEqual(first);
  });

  it("lists the workbook's problems on a Problems tab with links, and notes bad matrix cells", () => {
    const tabs = demoTabs();
    const matrix = tabs.find((t) => t.name === TAB.matrix)!.values;
    const op = findColumn(matrix[0], "Operator");
    matrix.push(matrix[1].map((v, i) => (i === op ? "is roughly" : v)));
    const { runtime, script } = loadAddon(tabs);
    script.call("menuScoreAll");

    const problems = runtime.values("Problems");
    expect(problems[0]).toEqual(["Severity", "Tab", "Row", "Column", "Problem", "Fix", "Go to"]);
    const bad = problems.find((p) => p[1] === TAB.matrix);
    expect(bad).toBeDefined();
    expect(bad![2]).toBe(matrix.length);
    expect(bad![3]).toBe("Operator");
    expect(String(bad![4])).toContain("is roughly");
    const formulas = runtime.inspect("Problems").formulas;
    const row = problems.indexOf(bad!);
    expect(formulas[row][6]).toMatch(/^=HYPERLINK\("#gid=\d+&range=[A-Z]+\d+", "[A-Z]+\d+"\)$/);
    const notes = runtime.inspect(TAB.matrix).notes;
    expect(notes.some((n) => n.note.startsWith("Leadscore: ") && n.note.includes("is roughly"))).toBe(true);
    // The other leads are still scored.
    expect(runtime.ui.toasts.at(-1)?.message).toMatch(/^Scored 2000 leads/);
  });

  it("refuses to write while another run holds the document lock", () => {
    const { runtime, script } = loadAddon(demoTabs());
    runtime.holdLock("document");
    expect(() => script.call("menuScoreAll")).toThrow(/Another Leadscore run/);
    expect(findColumn(runtime.values(TAB.leads)[0], "Score")).toBe(-1);
  });
});

describe("service-call budget", () => {
  const counts: number[] = [];
  for (const n of [10, 1_000, 100_000]) {
    it(`a full rescore of ${n} leads makes the same number of SpreadsheetApp calls`, () => {
      const tabs = demoTabs({ leads: n, activitiesPerLead: n > 1000 ? 2 : 15, mess: false });
      const { runtime, script } = loadAddon(tabs);
      script.call("menuScoreAll"); // first run appends the output headers
      runtime.calls.reset();
      script.call("menuScoreAll");
      const spreadsheetCalls = runtime.calls.total(/^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./);
      counts.push(spreadsheetCalls);
      expect(runtime.calls.total("Range.getValues")).toBe(5);
      expect(new Set(counts).size).toBe(1);
    }, 120_000);
  }
});

describe("incremental rescoring on edit", () => {
  it("rescoring only the lead whose activity changed, writing only its output cells", () => {
    // The saved lead states hold the default model only (a matrix with models rescores from every row).
    const tabs = demoTabs({ secondModel: false });
    const { runtime, script } = loadAddon(tabs);
    script.call("menuScoreAll");
    script.call("menuToggleAutoScoring");
    const before = runtime.values(TAB.leads).map((r) => r.slice());

    const activities = runtime.values(TAB.activities);
    const leads = runtime.values(TAB.leads);
    const score = findColumn(leads[0], "Score");
    const key = findColumn(leads[0], "Email");
    // A cold lead with no demo request gets one now.
    const target = leads.findIndex((r, i) => i > 0 && Number(r[score]) < 20);
    const email = String(leads[target][key]);
    const row = activities.length + 1;
    runtime.peek(() =>
      runtime.spreadsheet.getSheetByName(TAB.activities)!.insertRowsAfter(activities.length, 10),
    );
    runtime.calls.reset();
    runtime.edit(`'${TAB.activities}'!A${row}:D${row}`, [
      [DEFAULT_END.toISOString(), email, "Demo Request", "Book a demo"],
    ]);

    const after = runtime.values(TAB.leads);
    const changed = after
      .map((r, i) => (JSON.stringify(r) === JSON.stringify(before[i]) ? -1 : i))
      .filter((i) => i >= 0);
    expect(changed).toEqual([target]);
    expect(Number(after[target][score])).toBeGreaterThan(Number(before[target][score]));
    const expected = scoreWorkbook(
      { ...inputOf(runtime.tabs()) },
      { asOf: DEFAULT_END, timeZone: "UTC", onlyRows: new Set([target + 1]) },
    ).leads[0];
    expect(after[target][score]).toBe(expected.score);
    // One write per run of adjacent output columns, for one row; one of the lead states, rebuilt (turning
    // automatic scoring on forgets them: edits made while it was off were never seen).
    expect(runtime.calls.total("Range.setValues")).toBe(2);
  });

  it("treats a renamed Leads header as a change to every lead", () => {
    const { runtime, script } = loadAddon(demoTabs());
    script.call("menuScoreAll");
    script.call("menuToggleAutoScoring");
    const title = String.fromCharCode(65 + findColumn(runtime.values(TAB.leads)[0], "Job Title"));
    runtime.edit(`${TAB.leads}!${title}1`, "Title");
    expect(runtime.triggers.list.filter((t) => t.handler === "debouncedRescore")).toHaveLength(1);
  });

  it("marks scores stale on a matrix edit and rescores everything once, however many cells changed", () => {
    const { runtime, script } = loadAddon(demoTabs());
    script.call("menuScoreAll");
    script.call("menuToggleAutoScoring");
    const matrix = runtime.values(TAB.matrix);
    const points = findColumn(matrix[0], "Points");
    const col = String.fromCharCode(65 + points);
    runtime.edit(
      `'${TAB.matrix}'!${col}2:${col}${matrix.length}`,
      matrix.slice(1).map(() => [1]),
    );
    runtime.edit(`'${TAB.matrix}'!${col}2`, 2);
    const debounced = runtime.triggers.list.filter((t) => t.handler === "debouncedRescore");
    expect(debounced).toHaveLength(1);
    runtime.calls.reset();
    const runs = runtime.advanceAndRun(60_000);
    expect(runs.filter((r) => r.handler === "debouncedRescore")).toHaveLength(1);
    expect(runtime.calls.total("Range.getValues")).toBe(5);
    const leads = runtime.values(TAB.leads);
    const scoredAt = leads[1][findColumn(leads[0], "Scored At")] as Date;
    expect(scoredAt.getTime()).toBeGreaterThan(DEFAULT_END.getTime());
    const expected = engineOutputs(inputOf(runtime.tabs()), scoredAt);
    const score = findColumn(leads[0], "Score");
    for (const [row, out] of expected) expect(leads[row - 1][score]).toBe(out.Score);
    expect(runtime.triggers.list.filter((t) => t.handler === "debouncedRescore")).toHaveLength(0);
  });

  it("in an editor add-on with a schedule on, a matrix edit waits for the scheduled run (one clock trigger)", () => {
    const { runtime, script } = loadAddon(demoTabs(), { addon: true });
    script.call("menuScoreAll");
    script.call("menuToggleAutoScoring");
    script.call("setSchedule", { kind: "hourly" });
    const matrix = runtime.values(TAB.matrix);
    const col = String.fromCharCode(65 + findColumn(matrix[0], "Points"));
    const runs = runtime.edit(
      `'${TAB.matrix}'!${col}2:${col}${matrix.length}`,
      matrix.slice(1).map(() => [1]),
    );
    expect(runs.every((r) => r.error === undefined)).toBe(true);
    const clock = runtime.triggers.list.filter((t) => t.eventType === "CLOCK");
    expect(clock.map((t) => t.handler)).toEqual(["scheduledRun"]);

    runtime.advanceAndRun(60 * 60_000);
    const leads = runtime.values(TAB.leads);
    const scoredAt = leads[1][findColumn(leads[0], "Scored At")] as Date;
    const expected = engineOutputs(inputOf(runtime.tabs()), scoredAt);
    const score = findColumn(leads[0], "Score");
    for (const [row, out] of expected) expect(leads[row - 1][score]).toBe(out.Score);
  });
});
