// Only If, a reset, frequency bands and the Priority column in the sheet, through the built dist/Code.js:
// the menu's run, the Explain dialog and the sidebar's lookup.
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { MATRIX_COLUMNS } from "../../src/core/matrix";
import { type Grid, TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import type { TabValues } from "../../src/local/gas";
import { matrixRows } from "../../src/sheets/matrix-tab";
import { demoTabs, engineOutputs, inputOf, loadAddon, plain, sheetOutputs } from "./helpers";

const DAY = 86_400_000;
const ago = (days: number) => new Date(DEFAULT_END.getTime() - days * DAY).toISOString();

const MATRIX: Grid = [
  [...MATRIX_COLUMNS, "Only If"],
  ["", "Fit", "Decision maker", "", "", "Job Title", "matches", "\\b(vp|chief)\\b", 15, "", "", "", ""],
  ["", "Fit", "Target industry", "", "", "Industry", "in list", "Software, SaaS", 10, "", "", "", ""],
  ["", "Fit", "Student", "", "", "Job Title", "contains", "student", 0, "", "", "", ""],
  [
    "",
    "Engagement",
    "Pricing visits",
    "",
    "Page View",
    "Detail",
    "contains",
    "/pricing",
    "1-2: 5, 3+: 15",
    "",
    "",
    "",
    "",
  ],
  [
    "",
    "Engagement",
    "Exec on pricing",
    "",
    "Page View",
    "Detail",
    "contains",
    "/pricing",
    10,
    1,
    "",
    "",
    "Decision maker, not Student",
  ],
  ["", "Engagement", "Webinar", "", "Webinar Attended", "", "", "", 20, "", "", "", ""],
  ["", "Engagement", "Unsubscribed", "", "Unsubscribe", "", "", "", "reset", "", "", "", ""],
];
const SETTINGS: Grid = [
  ["Setting", "Value", "", "Engagement Band", "Min Points"],
  ["Half-life days", "", "", 1, 40],
  ["Grade group", "Fit", "", 2, 20],
  ["", "", "", 3, 0],
];
const LEADS: Grid = [
  ["Email", "First Name", "Last Name", "Job Title", "Industry"],
  ["ann@acme.com", "Ann", "Archer", "VP Marketing", "Software"],
  ["bob@acme.com", "Bob", "Brown", "Student", "Software"],
  ["cy@acme.com", "Cy", "Cole", "Chief Revenue Officer", "SaaS"],
];
const ACTIVITY: Grid = [
  ["Timestamp", "Email", "Event", "Detail"],
  [ago(1), "ann@acme.com", "Page View", "/pricing"],
  [ago(12), "ann@acme.com", "Page View", "/pricing"],
  [ago(22), "ann@acme.com", "Unsubscribe", ""],
  [ago(27), "ann@acme.com", "Page View", "/pricing"],
  [ago(31), "ann@acme.com", "Webinar Attended", ""],
  [ago(1), "bob@acme.com", "Page View", "/pricing"],
  [ago(2), "bob@acme.com", "Page View", "/pricing"],
  [ago(3), "bob@acme.com", "Page View", "/pricing"],
  [ago(2), "cy@acme.com", "Webinar Attended", ""],
  [ago(3), "cy@acme.com", "Page View", "/pricing"],
  [ago(4), "cy@acme.com", "Page View", "/pricing"],
  [ago(5), "cy@acme.com", "Page View", "/pricing"],
];
const tabs = (): TabValues[] => [
  { name: TAB.leads, values: LEADS.map((r) => [...r]) },
  { name: TAB.activities, values: ACTIVITY.map((r) => [...r]) },
  { name: TAB.matrix, values: MATRIX.map((r) => [...r]) },
  { name: TAB.settings, values: SETTINGS.map((r) => [...r]) },
];
const OUTPUTS = ["Score", "Tier", "Grade", "Priority", "Fit Score", "Engagement Score", "Top Reasons"];

function scored() {
  const addon = loadAddon(tabs());
  addon.script.call("menuScoreAll");
  return addon;
}

describe("rule features in the sheet", () => {
  it("writes Priority after Grade, with the reset, the bands and Only If applied as the engine does", () => {
    const { runtime } = scored();
    const leads = runtime.values(TAB.leads);
    expect(leads[0].slice(LEADS[0].length)).toEqual([...OUTPUTS, "Scored At"]);
    const got = sheetOutputs(leads, OUTPUTS);
    const want = engineOutputs(inputOf(tabs()), DEFAULT_END);
    for (const [row, out] of want) {
      for (const h of OUTPUTS) expect(plain(got.get(row)![h]), `${h} row ${row}`).toEqual(plain(out[h]));
    }
    const cells = (row: number) => OUTPUTS.slice(0, 6).map((h) => got.get(row)![h]);
    // Ann: the unsubscribe erased a visit and the webinar; 2 visits → 5; Exec on pricing +10.
    expect(cells(2)).toEqual([40, "Warm", "C", "C3", 25, 15]);
    // Bob: a student, so Exec on pricing does not count; 3 visits → 15.
    expect(cells(3)).toEqual([25, "Cold", "D", "D3", 10, 15]);
    // Cy: 3 visits → 15, Exec on pricing +10, webinar +20.
    expect(cells(4)).toEqual([70, "Hot", "C", "C1", 25, 45]);
    expect(runtime.values("Problems")[1][4]).toBe("No problems found.");
  });

  it("explains the Only If chain and the reset in the dialog and the sidebar's lookup", () => {
    const { runtime, script } = scored();
    runtime.peek(() => {
      const sheet = runtime.spreadsheet.getSheetByName(TAB.leads)!;
      runtime.spreadsheet.setActiveSheet(sheet);
      runtime.spreadsheet.setActiveRange(sheet.getRange(2, 1));
    });
    script.call("menuExplainSelectedLead");
    const html = runtime.ui.shown.at(-1)!.html;
    expect(html).toContain("Priority C3");
    expect(html).toContain(
      "<td>Exec on pricing</td><td>Decision maker \u2713, not Student \u2713</td><td>yes</td>",
    );
    expect(html).toContain(
      `<td>Unsubscribed</td><td>${ago(22)}</td><td>erased 2 earlier Engagement activities</td>`,
    );

    const bob = script.call("explainLead", "bob@acme.com") as {
      priority: string;
      onlyIf: { label: string; counted: boolean; terms: { label: string; held: boolean }[] }[];
      resets: unknown[];
    };
    expect(bob.priority).toBe("D3");
    expect(bob.onlyIf).toEqual([
      {
        ruleRow: 6,
        label: "Exec on pricing",
        group: "Engagement",
        counted: false,
        terms: [
          { label: "Decision maker", negate: false, held: false },
          { label: "Student", negate: true, held: false },
        ],
      },
    ]);
    expect(bob.resets).toEqual([]);
  });

  it("names an Only If loop on the Problems tab and still scores the other rules", () => {
    const t = tabs();
    const matrix = t[2].values;
    matrix[3][12] = "Exec on pricing"; // Student needs Exec on pricing, which needs not Student
    const { runtime, script } = loadAddon(t);
    script.call("menuScoreAll");
    const problems = runtime.values("Problems");
    const loop = problems.filter((p) => String(p[4]).startsWith("Only If makes a loop"));
    expect(loop.map((p) => [p[1], p[2], p[3]])).toEqual([
      [TAB.matrix, 4, "Only If"],
      [TAB.matrix, 6, "Only If"],
    ]);
    const leads = runtime.values(TAB.leads);
    expect(leads[1][findColumn(leads[0], "Score")]).toBe(30); // Ann: Fit 25 + Pricing visits 5
  });
});

describe("a matrix with Only If through Suggest points, apply and restore", () => {
  it("blanks the old Only If cells under the fitted rules, keeps them in Matrix History and restores them", () => {
    // The starter matrix alone (the demo without its second model), given an Only If column.
    const t = demoTabs({ secondModel: false });
    const starter = t.find((x) => x.name === TAB.matrix)!.values;
    starter[0].push("Only If");
    for (let r = 1; r < starter.length; r++) starter[r].push(r === 2 ? "not Executive title" : "");
    const { runtime, script } = loadAddon(t);
    script.call("suggestPoints", {});
    script.call("applySuggestedMatrix");

    const applied = runtime.values(TAB.matrix);
    const onlyIf = findColumn(applied[0], "Only If");
    expect(onlyIf).toBe(12); // the user's column stays where it was
    expect(applied.slice(1).map((r) => r[onlyIf])).toEqual(applied.slice(1).map(() => ""));

    const history = runtime.values("Matrix History");
    expect(history[0]).toContain("Only If");
    expect(matrixRows(history)).toEqual(matrixRows(starter));

    const savedAt = (script.call("listMatrixVersions") as { savedAt: string }[]).at(-1)!.savedAt;
    script.call("restoreMatrix", savedAt);
    const restored = runtime.values(TAB.matrix);
    expect(restored[2][onlyIf]).toBe("not Executive title");
    expect(matrixRows(restored)).toEqual(matrixRows(starter));
  }, 120_000);
});
