// Two models in the sheet, through the built dist/Code.js: each model's columns after Score all and after an
// edit (automatic scoring: named models make that run a full read), and in the Explain dialog.
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { MATRIX_COLUMNS } from "../../src/core/matrix";
import { type Grid, TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import type { TabValues } from "../../src/local/gas";
import { engineOutputs, inputOf, loadAddon, plain, sheetOutputs } from "./helpers";

const DAY = 86_400_000;
const ago = (days: number) => new Date(DEFAULT_END.getTime() - days * DAY).toISOString();
const rule = (
  group: string,
  label: string,
  event: string,
  field: string,
  op: string,
  value: string,
  points: number,
  model: string,
) => ["", group, label, "", event, field, op, value, points, "", "", "", model];

const MATRIX: Grid = [
  [...MATRIX_COLUMNS, "Model"],
  rule("Fit", "Decision maker", "", "Job Title", "matches", "\\b(vp|chief)\\b", 15, ""),
  rule("Engagement", "Pricing visits", "Page View", "Detail", "contains", "/pricing", 10, ""),
  rule("Fit", "Engineer", "", "Job Title", "contains", "engineer", 20, "Product"),
  rule("Engagement", "Trial", "Trial Started", "", "", "", 30, "product"),
  rule("Fit", "Big company", "", "Employees", ">", "500", 40, "Enterprise"),
];
const SETTINGS: Grid = [
  ["Setting", "Value", "", "Tier", "Min Score", "Notify", "Model"],
  ["Half-life days", "none", "", "Cold", 0, false, ""],
  ["", "", "", "Hot", 30, false, ""],
  ["", "", "", "Explorer", 0, false, "Product"],
  ["", "", "", "PQL", 50, true, "Product"],
];
const LEADS: Grid = [
  ["Email", "First Name", "Job Title", "Employees"],
  ["ann@acme.com", "Ann", "VP Sales", 900],
  ["bob@acme.com", "Bob", "Engineer", 40],
];
const ACTIVITY: Grid = [
  ["Timestamp", "Email", "Event", "Detail"],
  [ago(1), "ann@acme.com", "Page View", "/pricing"],
  [ago(2), "bob@acme.com", "Trial Started", ""],
];
const tabs = (): TabValues[] => [
  { name: TAB.leads, values: LEADS.map((r) => [...r]) },
  { name: TAB.activities, values: ACTIVITY.map((r) => [...r]) },
  { name: TAB.matrix, values: MATRIX.map((r) => [...r]) },
  { name: TAB.settings, values: SETTINGS.map((r) => [...r]) },
];
const MODEL_COLUMNS = [
  "Product Score",
  "Product Tier",
  "Product Grade",
  "Product Top Reasons",
  "Enterprise Score",
  "Enterprise Tier",
  "Enterprise Grade",
  "Enterprise Top Reasons",
];

describe("two models in the sheet", () => {
  it("writes each model's columns after the default ones, on Score all and after an edit", () => {
    const { runtime, script } = loadAddon(tabs());
    script.call("menuScoreAll");
    let leads = runtime.values(TAB.leads);
    const defaults = ["Score", "Tier", "Grade", "Fit Score", "Engagement Score", "Top Reasons", "Scored At"];
    expect(leads[0].slice(LEADS[0].length)).toEqual([...defaults, ...MODEL_COLUMNS]);
    const cells = (row: number) => MODEL_COLUMNS.map((h) => leads[row - 1][findColumn(leads[0], h)]);
    expect(cells(2)).toEqual([0, "Explorer", "F", "", 40, "Hot", "A", "Big company +40"]);
    expect(cells(3)).toEqual([50, "PQL", "C", "Trial +30; Engineer +20", 0, "Cold", "F", ""]);
    expect(runtime.values("Problems")[1][4]).toBe("No problems found.");

    script.call("menuToggleAutoScoring");
    const title = String.fromCharCode(65 + findColumn(leads[0], "Job Title"));
    runtime.edit(`${TAB.leads}!${title}2`, "Data Engineer");
    leads = runtime.values(TAB.leads);
    expect(cells(2)).toEqual([20, "Explorer", "C", "Engineer +20", 40, "Hot", "A", "Big company +40"]);
    const want = engineOutputs(inputOf(runtime.tabs()), DEFAULT_END);
    const got = sheetOutputs(leads, [...defaults.slice(0, -1), ...MODEL_COLUMNS]);
    for (const [row, out] of want)
      for (const [h, v] of Object.entries(out))
        if (h !== "Scored At") expect(plain(got.get(row)![h]), `${h} row ${row}`).toEqual(plain(v));
  });

  it("the sidebar's Tiers edits the default tiers and keeps the models' rows", () => {
    const { runtime, script } = loadAddon(tabs());
    script.call("saveTiers", [
      { name: "Low", minScore: 0, notify: false },
      { name: "Mid", minScore: 20, notify: false },
      { name: "Top", minScore: 60, notify: true },
    ]);
    expect(runtime.values(TAB.settings).map((r) => r.slice(3, 7))).toEqual([
      ["Tier", "Min Score", "Notify", "Model"],
      ["Low", 0, false, ""],
      ["Mid", 20, false, ""],
      ["Top", 60, true, ""],
      ["Explorer", 0, false, "Product"],
      ["PQL", 50, true, "Product"],
    ]);
    const leads = runtime.values(TAB.leads);
    expect(["Tier", "Product Tier"].map((h) => leads[2][findColumn(leads[0], h)])).toEqual(["Low", "PQL"]);
  });

  it("shows each model's score, tier and reasons in the Explain dialog", () => {
    const { runtime, script } = loadAddon(tabs());
    script.call("menuScoreAll");
    runtime.peek(() => {
      const sheet = runtime.spreadsheet.getSheetByName(TAB.leads)!;
      runtime.spreadsheet.setActiveSheet(sheet);
      runtime.spreadsheet.setActiveRange(sheet.getRange(3, 1));
    });
    script.call("menuExplainSelectedLead");
    const html = runtime.ui.shown.at(-1)!.html;
    expect(html).toContain(
      '<td>Product</td><td class="n">50</td><td>PQL</td><td>C</td><td>Trial +30; Engineer +20</td>',
    );
    expect(html).toContain('<td>Enterprise</td><td class="n">0</td><td>Cold</td>');
    // The sidebar's lookup gets the same breakdown, each model's rules included.
    const bob = script.call("explainLead", "bob@acme.com") as {
      models: { model: string; score: number; tier: string; rules: { label: string }[] }[];
    };
    expect(bob.models.map((m) => [m.model, m.score, m.tier, m.rules.map((r) => r.label)])).toEqual([
      ["Product", 50, "PQL", ["Engineer", "Trial"]],
      ["Enterprise", 0, "Cold", []],
    ]);
  });
});
