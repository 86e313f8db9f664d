// What the add-on writes from user text is stored as text, and the user's cells are never written over,
// through the built dist/Code.js.
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import { loadAddon } from "./helpers";

const LABEL = '=HYPERLINK("x")';
const TIER = "=1+1";
const GROUP = "=2*3";

const tabs = () => [
  {
    name: TAB.leads,
    values: [
      ["Email", "Job Title"],
      ["a@example.com", "VP Sales"],
      ["b@example.com", "", "", "my note"],
      ["c@example.com", "", "", "", "", "kept"],
    ],
  },
  { name: TAB.activities, values: [["Timestamp", "Email", "Event", "Detail"]] },
  {
    name: TAB.matrix,
    values: [
      ["Active", "Group", "Rule", "Source", "Event", "Field", "Operator", "Value", "Points"],
      [true, GROUP, LABEL, "Lead", "", "Job Title", "is not blank", "", 50],
    ],
  },
  {
    name: TAB.settings,
    values: [
      ["Setting", "Value", "", "Tier", "Min Score", "Notify"],
      ["Lead key", "Email", "", TIER, 0, false],
      ["", "", "", "Hot", 40, false],
    ],
  },
];

describe("writes from user text", () => {
  it("stores rule labels, tier and group names as text, never as formulas", () => {
    const { runtime, script } = loadAddon(tabs());
    script.call("menuScoreAll");
    const leads = runtime.values(TAB.leads);
    const col = (h: string) => findColumn(leads[0], h);
    expect(col(`${GROUP} Score`)).toBeGreaterThan(0);
    expect(leads[1][col("Tier")]).toBe("Hot");
    expect(String(leads[1][col("Top Reasons")]).startsWith(LABEL)).toBe(true);
    expect(leads[2][col("Tier")]).toBe(TIER);
    expect(leads[2][col("Score")]).toBe(0);
    const formulas = runtime.inspect(TAB.leads).formulas;
    expect(formulas.flat().filter((f) => f !== "")).toEqual([]);
  });
});

describe("the Problems tab", () => {
  it("writes the user's header names as text; only the Go to link is a formula", () => {
    const base = tabs();
    base[0].values = [
      ["+Key", "Job Title"],
      ["", "VP Sales"],
      ["b@example.com", ""],
    ];
    base[3].values[1][1] = "+Key";
    const { runtime, script } = loadAddon(base);
    script.call("menuScoreAll");
    const problems = runtime.values("Problems");
    const col = (h: string) => findColumn(problems[0], h);
    const row = problems.findIndex((r) => r[col("Column")] === "+Key");
    expect(row).toBeGreaterThan(0);
    expect(problems[row][col("Tab")]).toBe(TAB.leads);
    const formulas = runtime.inspect("Problems").formulas;
    formulas.forEach((r) => {
      r.forEach((f, c) => {
        if (c !== col("Go to")) expect(f).toBe("");
      });
    });
    expect(formulas[row][col("Go to")]).toMatch(/^=HYPERLINK/);
  });
});

describe("matrices the add-on moves between tabs", () => {
  it("keep rule labels as text in Matrix History, the Scoring Matrix and on restore", () => {
    const suggested = [true, GROUP, "-minus", "Lead", "", "Job Title", "is blank", "", 5];
    const { runtime, script } = loadAddon([
      ...tabs(),
      {
        name: "Suggested Matrix",
        values: [tabs()[2].values[0], suggested],
      },
    ]);
    script.call("applySuggestedMatrix");
    const history = runtime.values("Matrix History");
    expect(history[1][findColumn(history[0], "Rule")]).toBe(LABEL);
    expect(history[1][findColumn(history[0], "Group")]).toBe(GROUP);
    const matrix = runtime.values(TAB.matrix);
    expect(matrix[1][findColumn(matrix[0], "Rule")]).toBe("-minus");
    expect(matrix[1][findColumn(matrix[0], "Active")]).toBe(true);
    expect(matrix[1][findColumn(matrix[0], "Points")]).toBe(5);

    const [version] = script.call("listMatrixVersions") as { savedAt: string }[];
    script.call("restoreMatrix", version.savedAt);
    const restored = runtime.values(TAB.matrix);
    expect(restored[1][findColumn(restored[0], "Rule")]).toBe(LABEL);
    for (const name of [TAB.matrix, "Matrix History"])
      expect(
        runtime
          .inspect(name)
          .formulas.flat()
          .filter((f) => f !== ""),
      ).toEqual([]);
  });
});

describe("the user's cells", () => {
  it("on the Scoring Matrix survive applying a suggestion: only the matrix columns are written", () => {
    const base = tabs();
    const matrix = base[2].values;
    matrix[0].push("Notes");
    matrix[1].push("why we score titles", "", "aside");
    const { runtime, script } = loadAddon([
      ...base,
      {
        name: "Suggested Matrix",
        values: [matrix[0].slice(0, 9), [true, "Fit", "Any", "Lead", "", "Job Title", "is blank", "", 5]],
      },
    ]);
    script.call("applySuggestedMatrix");
    const after = runtime.values(TAB.matrix);
    expect(after[0].slice(0, 10)).toEqual(matrix[0]);
    expect(after[1][9]).toBe("why we score titles");
    expect(after[1][11]).toBe("aside");
    expect(after[0].slice(12)).toEqual(["Max Count", "Within Days", "Half-life Days"]);
    expect(after[1][findColumn(after[0], "Rule")]).toBe("Any");
  });

  it("survive Score all leads now: output columns land after the last used column", () => {
    const { runtime, script } = loadAddon(tabs());
    script.call("menuScoreAll");
    const leads = runtime.values(TAB.leads);
    expect(leads[2][3]).toBe("my note");
    expect(leads[3][5]).toBe("kept");
    const firstOutput = Math.min(...["Score", "Tier", "Top Reasons"].map((h) => findColumn(leads[0], h)));
    expect(firstOutput).toBe(6);
    // A second run finds the columns by header and appends nothing.
    script.call("menuScoreAll");
    expect(runtime.values(TAB.leads)[0]).toEqual(leads[0]);
  });
});
