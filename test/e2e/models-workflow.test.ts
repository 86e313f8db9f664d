// Named models through the built dist/Code.js, end to end: a lead entering a notify tier of model
// Enterprise (its own tiers in the Settings Tier table's Model column) is emailed once, naming the model;
// the default model's alert is unaffected; Score History says which model each change is in; the
// sidebar's Calibration with a model reports that model; Suggest points for a model keeps the other rows.
import { describe, expect, it } from "vitest";
import { MATRIX_COLUMNS } from "../../src/core";
import type { CalibrationReport } from "../../src/core/calibration";
import type { CellValue, Grid } from "../../src/core/types";
import { knownTruth } from "../calibration/helpers";
import { DAY, HOUR, matrix, type Scenario, scenario, settings } from "../notifications/helpers";
import { loadAddon } from "./helpers";

/** The helpers' matrix with a Model column and one Enterprise rule: a webinar scores 60, without decay. */
function withModel(): Grid {
  const rows = matrix().map((r, i) => [...r, i === 0 ? "Model" : ""]);
  const rule: Record<string, string | number | boolean> = {
    Active: true,
    Group: "Engagement",
    Rule: "Enterprise webinar",
    Source: "Activity",
    Event: "Webinar Attended",
    Points: 60,
    "Half-life Days": 0,
  };
  return [...rows, [...MATRIX_COLUMNS.map((h) => rule[h] ?? ""), "Enterprise"]];
}

/** The helpers' settings (default tiers Cold … Sales-ready, which notifies) and Enterprise's Small 0, Big 50 (notifies). */
function withModelTiers(): Grid {
  const grid = settings({ emails: "team@example.com", mode: "each" }).map((r) => [...r, ""]);
  grid[0][6] = "Model";
  grid[5].splice(3, 4, "Small", 0, false, "Enterprise");
  grid[6].splice(3, 4, "Big", 50, true, "enterprise");
  return grid;
}

function twoModels(): Scenario {
  const s = scenario([
    { email: "ann@acme.com", first: "Ann" },
    { email: "bob@acme.com", first: "Bob", title: "VP Sales" },
  ]);
  s.runtime.peek(() => {
    const put = (name: string, grid: Grid) => {
      const sheet = s.runtime.spreadsheet.getSheetByName(name)!;
      sheet.clear();
      sheet.getRange(1, 1, grid.length, grid[0].length).setValues(grid);
    };
    put("Scoring Matrix", withModel());
    put("Settings", withModelTiers());
  });
  return s;
}

describe("named models: alerts, history and calibration", () => {
  it("a lead entering model Enterprise's notify tier is emailed once, naming the model; the default model's alert is its own", () => {
    const s = twoModels();
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    s.runtime.advanceAndRun(HOUR); // the baseline: Ann 0 (Cold, Small), Bob 50 (Warm, Small)
    expect(s.runtime.outbox).toHaveLength(0);
    // Ann (no fit) attends a webinar: 30 Cold in the default model, 60 Big in Enterprise. Bob requests a
    // demo: 50 + 40 × decay(1 day) = 87 Sales-ready in the default model, still 0 in Enterprise.
    s.activity("ann@acme.com", "Webinar Attended");
    s.activity("bob@acme.com", "Demo Request");
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox.map((m) => m.subject).sort()).toEqual([
      "Leadscore: Ann Doe reached Big (Enterprise model, score 60)",
      "Leadscore: Bob Doe reached Sales-ready (score 87)",
    ]);
    const leads = s.values("Leads");
    const cell = (email: string, h: string) => leads.find((r) => r[0] === email)?.[leads[0].indexOf(h)];
    expect([cell("ann@acme.com", "Tier"), cell("ann@acme.com", "Enterprise Tier")]).toEqual(["Cold", "Big"]);
    // The next run: both still in their tiers, nothing more is sent.
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox).toHaveLength(2);

    const history = s.values("Score History");
    const col = history[0].indexOf("Model");
    expect(col).toBeGreaterThan(0);
    const moves = history.slice(1).map((r) => [r[1], r[2], r[3], r[col]]);
    expect(moves).toContainEqual(["ann@acme.com", "Small", "Big", "Enterprise"]);
    expect(moves).toContainEqual(["bob@acme.com", "Warm", "Sales-ready", ""]);
    // Ann stays Cold in the default model: no change of hers there.
    expect(moves.filter((m) => m[0] === "ann@acme.com" && m[3] === "")).toEqual([]);
  });

  it("the sidebar's calibration with a model reports that model's rules and tiers", () => {
    const s = twoModels();
    s.runtime.peek(() => {
      const leads = s.runtime.spreadsheet.getSheetByName("Leads")!;
      leads.getRange(1, 7, 3, 1).setValues([["Converted"], ["yes"], ["no"]]);
    });
    s.script.call("menuScoreAll");
    const columns = s.script.call("getLeadColumns") as { models: string[]; features: string[] };
    expect(columns.models).toEqual(["Enterprise"]);
    expect(columns.features.filter((f) => f.startsWith("Enterprise"))).toEqual([]);
    const report = s.script.call("getCalibration", { model: " enterprise " }) as CalibrationReport;
    expect(report.model).toBe("Enterprise");
    expect(report.rules.map((r) => r.label)).toEqual(["Enterprise webinar"]);
    expect(report.by_tier.map((t) => t.tier).sort()).toEqual(["Big", "Small"]);
    const mine = s.script.call("getCalibration", {}) as CalibrationReport;
    expect(mine).not.toHaveProperty("model");
    expect(mine.rules.map((r) => r.label)).toEqual(["VP", "Demo request", "Webinar"]);
  });
});

describe("Suggest points with a named model", () => {
  const lead = (
    label: string,
    field: string,
    op: string,
    value: string | number,
    points: number,
    model: string,
  ) => {
    const cells: Record<string, string | number | boolean> = {
      Active: true,
      Group: "Fit",
      Rule: label,
      Source: "Lead",
      Field: field,
      Operator: op,
      Value: value,
      Points: points,
    };
    return [...MATRIX_COLUMNS.map((h) => cells[h] ?? ""), model];
  };
  const MATRIX: Grid = [
    [...MATRIX_COLUMNS, "Model"],
    lead("Referral", "Source", "=", "Referral", 40, ""),
    lead("Big company", "Employees", ">=", 100, 30, "Enterprise"),
    lead("Intern", "Title", "=", "Intern", -20, "enterprise"),
  ];
  const modelOf = (grid: Grid) => (r: CellValue[]) => String(r[grid[0].indexOf("Model")] ?? "");

  it("fits the model asked for and keeps the other rows, on the tab, in its summary and once applied", () => {
    const { input } = knownTruth(300);
    const { runtime, script } = loadAddon([
      { name: "Leads", values: input.leads },
      { name: "Settings", values: input.settings! },
      { name: "Scoring Matrix", values: MATRIX },
    ]);
    const summary = script.call("suggestPoints", { model: "Enterprise" }) as { rules: number };
    const tab = runtime.values("Suggested Matrix");
    const rules = tab.slice(1).filter((r) => r[0] !== "");
    const model = modelOf(tab);
    expect(rules.filter((r) => model(r) === "Enterprise")).toHaveLength(summary.rules);
    const kept = rules.filter((r) => model(r) === "");
    expect(kept.map((r) => [r[2], r[tab[0].indexOf("Points")]])).toEqual([["Referral", 40]]);
    const at = tab[0].indexOf("Summary"); // its Value is the next column (the matrix has a Value column too)
    const lines = new Map(tab.map((r) => [r[at], r[at + 1]]));
    expect(lines.get("Model")).toBe("Enterprise");
    expect(lines.get("Other models")).toBe(
      "Only model Enterprise is fitted; the other models' 1 row follows its rules unchanged, Model cells included.",
    );
    script.call("applySuggestedMatrix");
    const applied = runtime.values("Scoring Matrix");
    const after = applied.slice(1).filter((r) => modelOf(applied)(r) === "");
    expect(after.map((r) => r[2])).toEqual(["Referral"]);
    expect(runtime.values("Leads")[0]).toContain("Enterprise Score");
  });
});
