// The Settings row Date format: text dates written the US or European way reach scoring (activity
// timestamps, Days Since Created), a date the setting does not read is a problem whose fix names it, and
// the SQL compiler refuses what it cannot read the same way.
import { describe, expect, it } from "vitest";
import type { Grid } from "../../src/core/index";
import { parseSettings } from "../../src/core/index";
import { compileSql } from "../../src/core/sql";
import { AS_OF, matrix, score, settingsKV } from "./helpers";

const RULES = matrix(
  { group: "Engagement", rule: "Demo", source: "Activity", event: "Demo Request", points: 20, within: 30 },
  { group: "Fit", rule: "New", field: "Days Since Created", op: "<=", value: 30, points: 5 },
);
// AS_OF is 2024-06-01. US: 05/20/2024 = 20 May (12 days before); 04/05/2024 = 5 April (57 days).
const LEADS: Grid = [
  ["Email", "Create Date"],
  ["new@x.com", "05/20/2024"],
  ["old@x.com", "04/05/2024 10:30 AM"],
];
const LOG: Grid = [
  ["Timestamp", "Email", "Event"],
  ["05/25/2024 09:00", "new@x.com", "Demo Request"],
  ["04/05/2024", "old@x.com", "Demo Request"],
];

function run(dateFormat: string, leads = LEADS, activities = LOG) {
  return score({ leads, activities, matrix: RULES, settings: settingsKV({ "Date format": dateFormat }) });
}

describe("Date format", () => {
  it("reads its values by first word or pattern; blank is ISO; another value is a problem", () => {
    const format = (v: string) => parseSettings(settingsKV({ "Date format": v })).settings.values;
    expect(format("US (MM/DD/YYYY)")["date format"]).toBe("US (MM/DD/YYYY)");
    const { problems } = parseSettings(settingsKV({ "Date format": "Japanese" }));
    expect(problems).toEqual([
      expect.objectContaining({
        tab: "Settings",
        row: 2,
        column: "Value",
        message: expect.stringContaining('Date format "Japanese"'),
        fix: expect.stringContaining("US (MM/DD/YYYY)"),
      }),
    ]);
    for (const ok of ["us", "European (DD/MM/YYYY)", "dd.mm.yyyy", "ISO (YYYY-MM-DD)", ""])
      expect(parseSettings(settingsKV({ "Date format": ok })).problems, ok).toEqual([]);
  });

  it("US: slashed text dates reach scoring, as activity timestamps and as Create Date", () => {
    const r = run("US (MM/DD/YYYY)");
    expect(r.problems).toEqual([]);
    const [fresh, old] = r.leads;
    expect(fresh.score).toBe(25); // the demo 7 days ago, created 12 days ago
    expect(old.score).toBe(0); // both 57 days ago
  });

  it("European reads the same cells day first", () => {
    // 05/20/2024 has no month 20: a problem on its cell; 04/05/2024 is 4 May (28 days before).
    const r = run("European (DD/MM/YYYY)");
    expect(r.leads[1].score).toBe(25);
    expect(r.problems).toContainEqual(
      expect.objectContaining({
        tab: "Leads",
        row: 2,
        column: "Create Date",
        fix: expect.stringMatching(/Date format is European .*set Date format to US \(MM\/DD\/YYYY\)/),
      }),
    );
  });

  it("ISO (the default): slashed dates are not dates, and the fix names the setting", () => {
    const r = run("");
    expect(r.leads.map((l) => l.score)).toEqual([0, 0]);
    const log = r.problems.find((p) => p.tab === "Activity Log");
    expect(log).toMatchObject({ row: 2, column: "Timestamp" });
    // 05/25/2024 can only be US (no month 25).
    expect(log?.fix).toMatch(/Settings ▸ Date format is ISO .*set Date format to US \(MM\/DD\/YYYY\) if/);
  });

  it("a date the setting does not allow names its tab, row and column, and the other rows still count", () => {
    const log: Grid = [...LOG, ["13/01/2024", "old@x.com", "Demo Request"]];
    const r = run("US", LEADS, log);
    expect(r.leads[0].score).toBe(25);
    expect(r.problems).toEqual([
      expect.objectContaining({
        tab: "Activity Log",
        row: 4,
        column: "Timestamp",
        message: expect.stringContaining('"13/01/2024"'),
        fix: expect.stringContaining("set Date format to European (DD/MM/YYYY)"),
      }),
    ]);
  });

  it("the SQL query refuses a Date format it cannot read the same way, naming the setting", () => {
    const settings = settingsKV({ "Lead key": "Email", "Date format": "US (MM/DD/YYYY)" });
    const compile = (s: Grid) =>
      compileSql(
        { leadHeaders: LEADS[0], activityHeaders: LOG[0], matrix: RULES, settings: s },
        { dialect: "duckdb", asOf: AS_OF, timeZone: "UTC" },
      );
    expect(compile(settings).unsupported).toEqual([
      expect.objectContaining({
        tab: "Settings",
        row: 3,
        column: "Value",
        message: expect.stringContaining("Date format is US (MM/DD/YYYY)"),
      }),
    ]);
    expect(compile(settingsKV({ "Date format": "ISO (YYYY-MM-DD)" })).unsupported).toEqual([]);
  });
});
