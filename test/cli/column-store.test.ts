// The CLI keeps the Activity Log by column (CsvColumns) and scores from it: the same scores, reasons and
// problems as scoring the same cells as a grid, on a log with bad timestamps, unknown and blank keys,
// quoted fields and a Detail column that rules test. Fitting and calibrating read it the same way.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWorkbook } from "../../src/cli/workbook";
import { scoreWorkbook } from "../../src/core";
import { calibrate, fitMatrix } from "../../src/core/calibration";
import { findColumn } from "../../src/core/headers";
import { TAB, type WorkbookInput } from "../../src/core/types";
import { DEFAULT_END, demoWorkbook } from "../../src/demo";
import { writeCsvFolder } from "../../src/local/workbook";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leadscore-columns-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the Activity Log kept by column", () => {
  it("scores exactly as the same cells in a grid", async () => {
    // More distinct timestamps than the reader caches, so that most are read from their bytes (instants).
    const { tabs } = demoWorkbook({ leads: 2500, activitiesPerLead: 8, mess: true });
    const log = tabs.find((t) => t.name === TAB.activities)!.values;
    // Cells that make the reader keep a value of its own or leave a row short, beside the demo's mess.
    log[5][3] = 'Said "hi", twice';
    log[6] = log[6].slice(0, 2);
    log[7][0] = "not a date";
    await writeCsvFolder(dir, tabs);
    const { input } = await loadWorkbook(dir);
    const ts = findColumn(log[0], "Timestamp");
    const instants = input.activityTable?.instants?.(ts);
    expect(instants?.filter((t) => !Number.isNaN(t)).length).toBeGreaterThan(1000);
    const options = { asOf: DEFAULT_END, timeZone: "UTC" };
    const fromColumns = scoreWorkbook(input, options);
    const fromGrid = scoreWorkbook({ ...input, activityTable: undefined }, options);
    expect(fromColumns.leads.length).toBe(2500);
    expect(fromColumns.leads.some((l) => l.score > 0)).toBe(true);
    expect(fromColumns.leads).toEqual(fromGrid.leads);
    expect(fromColumns.problems).toEqual(fromGrid.problems);
    expect(fromColumns.problems.some((p) => p.tab === TAB.activities && p.row === 8)).toBe(true);
  });

  describe("fit and calibrate read the columns, never making the log a grid", () => {
    let input: WorkbookInput;
    /** The times something asked for the log as a grid (the loader makes it on first use). */
    let asked = 0;
    const options = { asOf: DEFAULT_END, timeZone: "UTC" };
    beforeAll(async () => {
      const { tabs } = demoWorkbook({ leads: 2500, activitiesPerLead: 8, mess: false });
      await writeCsvFolder(dir, tabs);
      ({ input } = await loadWorkbook(dir));
      const made = Object.getOwnPropertyDescriptor(input, "activities")?.get;
      expect(made).toBeDefined();
      Object.defineProperty(input, "activities", {
        get: () => {
          asked++;
          return made?.call(input);
        },
        enumerable: true,
      });
    });

    /** `run` on the columns (asking for no grid), then on the grid the loader makes. */
    function fromBoth<T>(run: (workbook: WorkbookInput) => T): [T, T] {
      asked = 0;
      const fromColumns = run(input);
      expect(asked).toBe(0);
      const fromGrid = run({ ...input, activityTable: undefined });
      expect(asked).toBeGreaterThan(0);
      return [fromColumns, fromGrid];
    }

    it("fits the same matrix and report as from a grid", () => {
      const [fromColumns, fromGrid] = fromBoth((workbook) => fitMatrix(workbook, options));
      expect(fromColumns.matrix).toEqual(fromGrid.matrix);
      expect(fromColumns.report).toEqual(fromGrid.report);
      expect(fromColumns.report.activity_events.length).toBeGreaterThan(0);
    });

    it("calibrates to the same report as from a grid", () => {
      const [fromColumns, fromGrid] = fromBoth((workbook) => calibrate(workbook, options));
      expect(fromColumns).toEqual(fromGrid);
      expect(fromColumns.auc).toBeGreaterThan(0.5);
    });
  });
});
