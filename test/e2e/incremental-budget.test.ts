// Runs read what they need (docs/design/incremental-state.md), counted through dist/Code.js: an edit reads
// the same few cells at 1,000 and at 10,000 leads, and writes the engine's outputs for the lead it touches;
// so does a form response, the first after a full run (a matrix edit's) included; a scheduled run reads at most a quarter of what a full rescore reads; service
// calls do not grow with N.
// The 100,000-lead figures are in bench/sheet.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { TRIGGER_HANDLERS } from "../../src/contract";
import { findColumn, normalizeHeader } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import type { TabValues } from "../../src/local/gas";
import { demoTabs, engineOutputs, inputOf, loadAddon, plain, tab } from "./helpers";

const HOUR = 3_600_000;
const SHEET_CALLS = /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./;

interface Measured {
  fullRead: number;
  edit: { read: number; written: number; calls: number };
  append: { read: number; written: number; calls: number };
  form: { read: number; written: number; calls: number };
  /** The first response after a full run, and the first after a matrix edit and the full run it needs. */
  firstForm: number;
  afterMatrix: number;
  scheduled: { read: number; calls: number };
}

/** The demo without its Account key: accounts roll up every lead, so their scheduled runs read in full. */
function withoutAccounts(tabs: TabValues[]): TabValues[] {
  const settings = tab(tabs, TAB.settings)!;
  for (const row of settings) if (normalizeHeader(row[0]) === normalizeHeader("Account key")) row[1] = "";
  return tabs;
}

function measure(leads: number): Measured {
  const { runtime, script } = loadAddon(
    withoutAccounts(demoTabs({ leads, activitiesPerLead: 10, mess: false, secondModel: false })),
  );
  script.call("menuToggleAutoScoring");
  script.call("menuScoreAll"); // appends the output headers
  runtime.cells.reset();
  script.call("menuScoreAll");
  const fullRead = runtime.cells.read;

  const installable = (runs: ReturnType<typeof runtime.edit>) => {
    const run = runs.find((r) => r.kind === "installable" && r.handler === TRIGGER_HANDLERS.edit);
    expect(run?.error).toBeUndefined();
    return run!;
  };
  const check = (row: number) => {
    const sheet = runtime.values(TAB.leads);
    const scoredAt = sheet[row - 1][findColumn(sheet[0], "Scored At")] as Date;
    const want = engineOutputs(inputOf(runtime.tabs()), scoredAt).get(row)!;
    for (const [header, value] of Object.entries(want))
      expect(plain(sheet[row - 1][findColumn(sheet[0], header)]), `${header} of row ${row}`).toEqual(
        plain(value),
      );
  };

  // A Leads cell.
  runtime.clock.advance(60_000);
  runtime.calls.reset();
  const editRun = installable(runtime.edit(`${TAB.leads}!C7`, "VP of Sales"));
  const edit = { ...editRun.cells!, calls: runtime.calls.total(SHEET_CALLS) };
  check(7);

  // An activity appended below the log.
  const log = runtime.values(TAB.activities);
  const leadsGrid = runtime.values(TAB.leads);
  const email = String(leadsGrid[9][findColumn(leadsGrid[0], "Email")]);
  const row = log.length + 1;
  runtime.peek(() => runtime.spreadsheet.getSheetByName(TAB.activities)!.insertRowsAfter(log.length, 5));
  runtime.clock.advance(60_000);
  runtime.calls.reset();
  const at = new Date(runtime.clock.now()).toISOString();
  const appendRun = installable(
    runtime.edit(`'${TAB.activities}'!A${row}:D${row}`, [[at, email, "Demo Request", "Book a demo"]]),
  );
  const append = { ...appendRun.cells!, calls: runtime.calls.total(SHEET_CALLS) };
  check(10);

  // Form responses on existing leads: the full run left the marker of the responses the log records, so
  // the first one reads a few cells as the next ones do.
  const formRun = (email: string) => {
    runtime.clock.advance(60_000);
    runtime.calls.reset();
    const runs = runtime.fireFormSubmit(
      { "Email Address": email, "Job Title": "Chief Executive Officer" },
      undefined,
      {
        sheet: "Form Responses 1",
      },
    );
    const run = runs.find((r) => r.handler === TRIGGER_HANDLERS.form);
    expect(run?.error).toBeUndefined();
    return { ...run!.cells!, calls: runtime.calls.total(SHEET_CALLS) };
  };
  const emailCol = findColumn(leadsGrid[0], "Email");
  const firstForm = formRun(String(leadsGrid[11][emailCol])).read;
  const form = formRun(String(leadsGrid[12][emailCol]));
  expect(runtime.values(TAB.leads)[12][findColumn(leadsGrid[0], "Job Title")]).toBe(
    "Chief Executive Officer",
  );
  const logNow = runtime.values(TAB.activities);
  const event = findColumn(logNow[0], "Event");
  expect(logNow.filter((r) => r[event] === "Form Submit")).toHaveLength(2);
  check(13);

  // A matrix edit changes the states' fingerprint; the full run it needs rebuilds the states and the marker.
  const matrix = runtime.values(TAB.matrix);
  const points = findColumn(matrix[0], "Points");
  const pointsRow = matrix.findIndex((r, i) => i > 0 && typeof r[points] === "number");
  runtime.peek(() =>
    runtime.spreadsheet
      .getSheetByName(TAB.matrix)!
      .getRange(pointsRow + 1, points + 1)
      .setValue(Number(matrix[pointsRow][points]) + 1),
  );
  script.call("menuScoreAll");
  const afterMatrix = formRun(String(leadsGrid[14][emailCol])).read;
  check(15);

  // Scheduled runs: the first records the baseline (a full run), the next one reads the states.
  script.call("setSchedule", { kind: "hourly" });
  runtime.advanceAndRun(HOUR);
  runtime.calls.reset();
  const runs = runtime.advanceAndRun(HOUR).filter((r) => r.handler === TRIGGER_HANDLERS.schedule);
  expect(runs).toHaveLength(1);
  expect(runs[0].error).toBeUndefined();
  const scheduled = { read: runs[0].cells!.read, calls: runtime.calls.total(SHEET_CALLS) };
  // Every lead now holds exactly what a full rescore at the run's time gives.
  const sheet = runtime.values(TAB.leads);
  const scoredAt = sheet[1][findColumn(sheet[0], "Scored At")] as Date;
  const want = engineOutputs(inputOf(runtime.tabs()), scoredAt);
  const score = findColumn(sheet[0], "Score");
  const reasons = findColumn(sheet[0], "Top Reasons");
  for (const [r, out] of want) {
    expect(sheet[r - 1][score], `Score of row ${r}`).toBe(out.Score);
    expect(sheet[r - 1][reasons], `Top Reasons of row ${r}`).toBe(out["Top Reasons"]);
  }
  return { fullRead, edit, append, form, firstForm, afterMatrix, scheduled };
}

describe("cells read per run", () => {
  let small: Measured;
  let large: Measured;
  beforeAll(() => {
    small = measure(1_000);
    large = measure(10_000);
  }, 600_000);

  it("an edit reads the rows it touches plus a constant, at any size", () => {
    for (const m of [small, large]) {
      expect(m.edit.read).toBeLessThan(5_000);
      expect(m.append.read).toBeLessThan(5_000);
    }
    // The same budget at ten times the leads: what grows is the state tab's bucket text, not cells read.
    expect(large.edit.read).toBeLessThanOrEqual(small.edit.read + 50);
    expect(large.append.read).toBeLessThanOrEqual(small.append.read + 50);
    expect(large.edit.calls).toBe(small.edit.calls);
    expect(large.append.calls).toBe(small.append.calls);
    // Outputs and the lead's state row: a handful of cells, not a column.
    expect(large.edit.written).toBeLessThan(100);
  });

  it("a form response reads the rows it touches plus a constant, as an edit does", () => {
    for (const m of [small, large]) expect(m.form.read).toBeLessThan(5_000);
    expect(large.form.read).toBeLessThanOrEqual(small.form.read + 50);
    expect(large.form.calls).toBe(small.form.calls);
    expect(large.form.written).toBeLessThan(100);
  });

  it("the first form response after a full run, even one a matrix edit needed, stays within that budget", () => {
    for (const m of [small, large]) {
      expect(m.firstForm).toBeLessThanOrEqual(m.form.read + 50);
      expect(m.afterMatrix).toBeLessThanOrEqual(m.form.read + 50);
    }
  });

  it("a scheduled run reads at most a quarter of what a full rescore reads", () => {
    for (const m of [small, large]) expect(m.scheduled.read).toBeLessThanOrEqual(m.fullRead / 4);
    // Tier changes add their Score History rows (a few calls, whichever the size).
    expect(Math.abs(large.scheduled.calls - small.scheduled.calls)).toBeLessThanOrEqual(8);
  });
});
