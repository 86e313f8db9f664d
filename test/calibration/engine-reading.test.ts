// Calibration reads the workbook as the engine does: each test is one place where calibration's own
// readers used to disagree with the engine's (headers, cells, dates, Settings), now read alike.
import { describe, expect, it } from "vitest";
import { scoreWorkbook } from "../../src/core";
import {
  CalibrationError,
  calibrate,
  cutoffs,
  fitMatrix,
  parseOutcome,
  readOutcomes,
} from "../../src/core/calibration";
import { parseLists } from "../../src/core/lists";
import { parseMatrix } from "../../src/core/matrix";
import { createProblemSink } from "../../src/core/problems";
import { parseTimestamp } from "../../src/core/time";
import type { CellValue, Grid, WorkbookInput } from "../../src/core/types";
import { parseYesNo } from "../../src/core/values";
import { loadAddon } from "../e2e/helpers";
import { AS_OF, knownTruth, signalsAtAsOf } from "./helpers";

const DAY = 86_400_000;
const SERIAL_2025_03_01 = 45717; // Sheets serial day of 2025-03-01

describe("dates are read as the engine reads them", () => {
  const leads: Grid = [
    ["Email", "Converted", "Converted At", "Created"],
    ["a@x.com", "yes", SERIAL_2025_03_01, SERIAL_2025_03_01 - 10],
    ["b@x.com", "yes", "2025-03-01 10:00+01", "2025-02-01T08:00:00,250Z"],
    ["c@x.com", "no", "", ""],
  ];
  const input: WorkbookInput = { leads };
  const labels = readOutcomes(input).labels;

  it("a serial number in Converted At is the engine's instant", () => {
    const cuts = cutoffs(input, labels, { mode: "before-conversion", days: 1 }, AS_OF, "UTC", "Converted At");
    const engine = parseTimestamp(SERIAL_2025_03_01, "UTC");
    expect(engine).toBe(Date.UTC(2025, 2, 1));
    expect(cuts.asOfForLead(2)?.getTime()).toBe(engine - DAY);
    expect(cuts.info.leads_without_date).toBe(0);
  });

  it("ISO forms the engine accepts (offset of hours only, comma fraction) are dates, in the sheet's zone", () => {
    const zone = "Europe/Berlin";
    const cuts = cutoffs(input, labels, { mode: "before-conversion", days: 0 }, AS_OF, zone, "Converted At");
    expect(cuts.asOfForLead(3)?.getTime()).toBe(parseTimestamp("2025-03-01 10:00+01", zone));
    const created = cutoffs(input, labels, { mode: "created-plus", days: 2 }, AS_OF, zone, "Converted At");
    expect(created.asOfForLead(3)?.getTime()).toBe(
      parseTimestamp("2025-02-01T08:00:00,250Z", zone) + 2 * DAY,
    );
    // Created serial + 2 days, as the engine reads the serial in the zone (midnight in Berlin).
    expect(created.asOfForLead(2)?.getTime()).toBe(parseTimestamp(SERIAL_2025_03_01 - 10, zone) + 2 * DAY);
    expect(created.info.leads_without_date).toBe(1); // lead c has no Created date
  });
});

describe("activity is read as the engine reads it", () => {
  const leads: Grid = [["Email"], ["a@x.com"], ["B@X.com "]];
  const activities: Grid = [
    ["Timestamp", "Email", "Event", "Detail"],
    [SERIAL_2025_03_01, "a@x.com", "Demo Request", ""],
    ["2025-03-02", "a@x.com", " demo  request", ""],
    ["2025-03-03T09:00:00+01", "b@x.com", "Demo   Request", ""],
  ];
  const signals = signalsAtAsOf(leads, activities);

  it("a serial-number timestamp counts, and event names match with inner spaces collapsed", () => {
    expect(signals.map((s) => s.event)).toEqual(["Demo Request"]);
    const [s] = signals;
    // Lead a: both activities; lead b: one (keys are trimmed and case-insensitive, as in the engine).
    expect(Array.from(s.ptr)).toEqual([0, 2, 3]);
    const ages = Array.from(s.ages).map((a) => Math.round(a * 24));
    const hours = (v: CellValue) => Math.round((AS_OF.getTime() - parseTimestamp(v, "UTC")) / 3_600_000);
    expect(ages.sort((x, y) => x - y)).toEqual(
      [hours("2025-03-02"), hours(SERIAL_2025_03_01), hours("2025-03-03T09:00:00+01")].sort((x, y) => x - y),
    );
  });

  it("the engine counts the same activities for a rule on that event", () => {
    const matrix: Grid = [
      ["Active", "Group", "Rule", "Source", "Event", "Field", "Operator", "Value", "Points"],
      ["TRUE", "", "Demo", "Activity", "Demo Request", "", "", "", 10],
    ];
    const run = scoreWorkbook({ leads, activities, matrix }, { asOf: AS_OF, timeZone: "UTC" });
    const counts = run.leads.map((l) => run.contributions(l)[0]?.count ?? 0);
    const [s] = signals;
    expect(counts).toEqual([s.ptr[1] - s.ptr[0], s.ptr[2] - s.ptr[1]]);
  });
});

describe("Settings are read with parseSettings", () => {
  const leads: Grid = [
    ["Email", "Converted", "Won"],
    ["a@x.com", "yes", "no"],
  ];

  it("finds the Value column where the engine does (not only right after Setting), last row winning", () => {
    const settings: Grid = [
      ["Setting", "Note", "Value"],
      ["Outcome column", "first try", "Converted"],
      ["Outcome column", "what counts", "Won"],
    ];
    expect(readOutcomes({ leads, settings }).column).toBe("Won");
  });

  it("a Score ceiling of off is no ceiling, as for none", () => {
    const { input } = knownTruth(1200);
    const withCeiling = (v: CellValue) =>
      fitMatrix(
        // Floor 50: the points spread over 50..ceiling, or 50..150 with no ceiling.
        { ...input, settings: [...(input.settings ?? []), ["Score floor", 50], ["Score ceiling", v]] },
        { asOf: AS_OF, timeZone: "UTC", holdout: 0 },
      );
    const off = withCeiling("off");
    const none = withCeiling("none");
    const hundred = withCeiling(100);
    expect(off.matrix).toEqual(none.matrix);
    expect(off.report).toEqual(none.report);
    // The ceiling sets the scale, so reading off as the default 100 would show.
    expect(hundred.report.points_per_logit).not.toBe(none.report.points_per_logit);
  });
});

describe("cells are read with the engine's readers", () => {
  it("outcomes take the engine's yes/no words (ticks, on/off) besides won/lost", () => {
    for (const v of ["✓", "on", "off", "TRUE", "n", 1, 0, true]) {
      expect(parseOutcome(v)).toBe(parseYesNo(v, false));
    }
    expect(parseOutcome("Won")).toBe(true);
    expect(parseOutcome("not converted")).toBe(false);
    expect(parseOutcome("  ")).toBeNull();
    expect(parseOutcome("maybe")).toBeUndefined();
  });

  it("the per-rule table lists the matrix's rules as the engine parses them", () => {
    const { input } = knownTruth(400);
    const matrix: Grid = [
      ["Active", "Group", "Rule", "Source", "Event", "Field", "Operator", "Value", "Points"],
      ["TRUE", "", "Referral", "Lead", "", "Source", "=", "Referral", 40],
      ["maybe", "", "Not yes or no", "Lead", "", "Source", "=", "Webinar", 10], // skipped by the engine
      ["TRUE", "", "Bad points", "Lead", "", "Title", "=", "VP", "1,2"], // not a number to the engine
      ["on", "", "", "Lead", "", "Employees", ">=", 100, "1,000"], // Active on; label from the condition
    ];
    const report = calibrate({ ...input, matrix }, { asOf: AS_OF, timeZone: "UTC" });
    const engine = parseMatrix(matrix, {
      leadHeaders: input.leads[0],
      activityHeaders: null,
      lists: parseLists(undefined),
      sink: createProblemSink(),
    });
    expect(engine.map((r) => r.row)).toEqual([2, 5]);
    expect(report.rules.map((r) => [r.rule_row, r.label, r.group, r.points])).toEqual(
      engine.map((r) => [r.row, r.label, r.group, r.points]),
    );
  });
});

describe("failures are data, worded by each front end", () => {
  it("the engine marks the problems a matrix causes with a code (not told apart by their text)", () => {
    const leads: Grid = [
      ["Email", "Employees"],
      ["a@x.com", "many"],
      ["b@x.com", 40],
    ];
    const matrix: Grid = [
      ["Active", "Group", "Rule", "Source", "Event", "Field", "Operator", "Value", "Points"],
      ["TRUE", "", "Big", "Lead", "", "Employees", ">=", 30, 10],
    ];
    const run = scoreWorkbook({ leads, matrix }, { asOf: AS_OF, timeZone: "UTC" });
    expect(run.problems.filter((p) => p.code === "rule-needs-numbers").map((p) => [p.tab, p.row])).toEqual([
      ["Leads", 2],
    ]);
  });

  it("calibrate throws a CalibrationError with the kind and the column, no command-line words", () => {
    const { input } = knownTruth(50);
    let error: unknown;
    try {
      calibrate(input, { asOf: AS_OF, timeZone: "UTC", outcomeColumn: "Nope" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalibrationError);
    expect((error as CalibrationError).failure).toEqual({ kind: "no-outcome-column", column: "Nope" });
    expect((error as Error).message).not.toMatch(/--/);
  });

  it("fitting needs both outcomes", () => {
    const { input } = knownTruth(50);
    const leads = input.leads.map((r, i) => (i === 0 ? r : [...r.slice(0, 5), "no"]));
    expect(() => fitMatrix({ ...input, leads }, { asOf: AS_OF, timeZone: "UTC" })).toThrow(
      expect.objectContaining({ failure: { kind: "one-outcome-only", converted: 0, labelled: 50 } }),
    );
  });

  it("the sidebar's message names the sidebar's choice, not a command-line option", () => {
    const { input } = knownTruth(60);
    const { script } = loadAddon([
      { name: "Leads", values: input.leads },
      { name: "Settings", values: input.settings ?? [] },
    ]);
    expect(() => script.call("getCalibration", { outcomeColumn: "Nope" })).toThrow(
      /no "Nope" column for the outcome\. Choose the outcome column in the Outcome column list/,
    );
    expect(() => script.call("suggestPoints", { outcomeColumn: "Nope" })).toThrow(/Outcome column list/);
    expect(() => script.call("getCalibration", { outcomeColumn: "Nope" })).not.toThrow(/--outcome/);
  });
});
