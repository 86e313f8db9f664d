import { describe, expect, it } from "vitest";
import type { Grid } from "../../src/core/index";
import { DEFAULT_GRADES, DEFAULT_TIERS, defaultSettingsGrid, parseSettings } from "../../src/core/index";
import { notificationSettings } from "../../src/core/notify";

describe("parseSettings", () => {
  it("defaults without a Settings tab", () => {
    const { settings, problems } = parseSettings(undefined);
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      leadKey: "Email",
      scoreFloor: 0,
      scoreCeiling: 100,
      halfLifeDays: null,
      gradeGroup: "Fit",
      groupLimits: [],
    });
    expect(settings.tiers).toEqual([
      { name: "Cold", minScore: 0, notify: false },
      { name: "Warm", minScore: 31, notify: false },
      { name: "Hot", minScore: 61, notify: false },
      { name: "Sales-ready", minScore: 86, notify: true },
    ]);
    expect(settings.grades.map((g) => [g.name, g.minPoints])).toEqual([
      ["F", 0],
      ["D", 10],
      ["C", 20],
      ["B", 30],
      ["A", 40],
    ]);
  });
  it("reads side-by-side tables with messy headers, none and blanks", () => {
    const grid: Grid = [
      [
        " setting ",
        "VALUE",
        "",
        "Tier",
        "Min  Score",
        "Notify",
        "",
        "Group",
        "Min",
        "Max",
        "",
        "grade",
        "min points",
      ],
      ["Lead key", "Work Email", "", "Low", 0, false, "", "Fit", "", 60, "", "Top", 50],
      ["Score floor", "none", "", "High", "70", "yes", "", "engagement", -10, "", "", "Rest", 0],
      ["score ceiling", "", "", "", "", "", "", "", "", "", "", "", ""],
      ["Half-life days", 14, "", "", "", "", "", "", "", "", "", "", ""],
      ["Grade group", "Engagement", "", "", "", "", "", "", "", "", "", "", ""],
      ["Notify emails", "a@x.com", "", "", "", "", "", "", "", "", "", "", ""],
    ];
    const { settings, problems } = parseSettings(grid);
    expect(problems).toEqual([]);
    expect(settings.leadKey).toBe("Work Email");
    expect(settings.scoreFloor).toBeNull();
    expect(settings.scoreCeiling).toBe(100);
    expect(settings.halfLifeDays).toBe(14);
    expect(settings.gradeGroup).toBe("Engagement");
    expect(settings.tiers).toEqual([
      { name: "Low", minScore: 0, notify: false },
      { name: "High", minScore: 70, notify: true },
    ]);
    expect(settings.groupLimits).toEqual([
      { group: "Fit", min: null, max: 60 },
      { group: "engagement", min: -10, max: null },
    ]);
    expect(settings.grades).toEqual([
      { name: "Rest", minPoints: 0 },
      { name: "Top", minPoints: 50 },
    ]);
    expect(settings.values["notify emails"]).toBe("a@x.com");
    expect(settings.values["lead key"]).toBe("Work Email");
  });
  it("reports bad values with the row, column and fix", () => {
    const grid: Grid = [
      ["Setting", "Value", "Tier", "Min Score", "Group", "Min", "Max"],
      ["Score ceiling", "lots", "Warm", "x", "Fit", 10, 5],
      ["Half-life days", -2, "", "", "", "", ""],
    ];
    const { settings, problems } = parseSettings(grid);
    expect(settings.scoreCeiling).toBe(100);
    expect(settings.halfLifeDays).toBeNull();
    expect(settings.tiers).toEqual(DEFAULT_TIERS);
    expect(problems.map((p) => [p.tab, p.row, p.column])).toEqual([
      ["Settings", 2, "Value"],
      ["Settings", 3, "Value"],
      ["Settings", 2, "Min Score"],
      ["Settings", 2, "Min"],
    ]);
    for (const p of problems) expect(p.fix.length).toBeGreaterThan(10);
  });
  it("reads another spelling of a setting as that setting, keyed by its name", () => {
    const { settings, problems } = parseSettings([
      ["Setting", "Value"],
      ["HALF-LIFE", 7],
      ["Re-arm   margin", "3"],
    ]);
    expect(problems).toEqual([]);
    expect(settings.halfLifeDays).toBe(7);
    expect(settings.values["half-life days"]).toBe(7);
    expect(settings.values).not.toHaveProperty("half-life");
    expect(notificationSettings(settings.values).rearmMargin).toBe(3);
  });
  it("floor above ceiling falls back to the defaults and says so", () => {
    const { settings, problems } = parseSettings([
      ["Setting", "Value"],
      ["Score floor", 80],
      ["Score ceiling", 20],
    ]);
    expect([settings.scoreFloor, settings.scoreCeiling]).toEqual([0, 100]);
    expect(problems).toHaveLength(1);
  });
  it("the setup template parses cleanly to the documented defaults (half-life 30)", () => {
    const { settings, problems } = parseSettings(defaultSettingsGrid());
    expect(problems).toEqual([]);
    expect(settings.tiers).toEqual(DEFAULT_TIERS);
    expect(settings.grades).toEqual(DEFAULT_GRADES);
    expect(settings.halfLifeDays).toBe(30);
    expect(settings.groupLimits).toEqual([
      { group: "Fit", min: null, max: null },
      { group: "Engagement", min: null, max: null },
    ]);
    expect(Object.keys(settings.values)).toContain("scored at");
  });
});
