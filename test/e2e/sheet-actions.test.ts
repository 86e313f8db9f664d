// Form intake, checkpoint/resume, the Explain dialog and Check the matrix, through the built dist/Code.js.
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import { DEFAULT_END, XSS_NAME } from "../../src/demo";
import { demoTabs, engineOutputs, inputOf, loadAddon, plain, sheetOutputs } from "./helpers";

describe("form intake", () => {
  it("turns a response into a new lead and a Form Submit activity, scores it, and keeps formula-like text as text", () => {
    const { runtime, script } = loadAddon(demoTabs());
    script.call("menuScoreAll");
    script.call("menuToggleAutoScoring");
    const leadsBefore = runtime.values(TAB.leads).length;
    const activitiesBefore = runtime.values(TAB.activities).length;

    runtime.fireFormSubmit({
      "Email Address": "new.lead@acme-robotics.com",
      "First Name": '=HYPERLINK("http://evil.example","click")',
      "Last Name": "+Smith",
      "Job Title": "VP of Operations",
      Company: "@Acme Robotics",
    });

    const leads = runtime.values(TAB.leads);
    expect(leads).toHaveLength(leadsBefore + 1);
    const row = leads[leads.length - 1];
    const col = (h: string) => findColumn(leads[0], h);
    expect(row[col("Email")]).toBe("new.lead@acme-robotics.com");
    expect(row[col("First Name")]).toBe('=HYPERLINK("http://evil.example","click")');
    expect(row[col("Last Name")]).toBe("+Smith");
    expect(row[col("Company")]).toBe("@Acme Robotics");
    const formulas = runtime.inspect(TAB.leads).formulas;
    expect(formulas[leads.length - 1].every((f) => f === "")).toBe(true);

    const activities = runtime.values(TAB.activities);
    expect(activities).toHaveLength(activitiesBefore + 1);
    const activity = activities[activities.length - 1];
    expect(activity[findColumn(activities[0], "Event")]).toBe("Form Submit");
    expect(activity[findColumn(activities[0], "Email")]).toBe("new.lead@acme-robotics.com");

    const expected = engineOutputs(inputOf(runtime.tabs()), DEFAULT_END).get(leads.length)!;
    expect(row[col("Score")]).toBe(expected.Score);
    expect(row[col("Tier")]).toBe(expected.Tier);
  });

  it("updates an existing lead by key instead of adding a row", () => {
    const { runtime, script } = loadAddon(demoTabs());
    script.call("menuToggleAutoScoring");
    const leads = runtime.values(TAB.leads);
    const email = String(leads[5][findColumn(leads[0], "Email")]).toUpperCase();
    runtime.fireFormSubmit({ "Email Address": ` ${email} `, "Job Title": "Chief Executive Officer" });
    const after = runtime.values(TAB.leads);
    expect(after).toHaveLength(leads.length);
    expect(after[5][findColumn(after[0], "Job Title")]).toBe("Chief Executive Officer");
    expect(after[5][findColumn(after[0], "Email")]).toBe(leads[5][findColumn(leads[0], "Email")]);
  });
});

describe("checkpoint and resume", () => {
  it("stops before the execution limit, continues in a follow-up trigger, and ends equal to one full run", () => {
    const tabs = demoTabs({ leads: 12_000, activitiesPerLead: 3, mess: false });
    // Slow services: each read 40 s and each write 30 s of clock time, so a run nears the 6-minute limit.
    const cost = (name: string) =>
      name === "Range.getValues" ? 40_000 : name === "Range.setValues" ? 30_000 : 0;
    const { runtime, script } = loadAddon(tabs, { callCostMs: cost });
    const asOf = runtime.clock.date();
    script.call("menuScoreAll");

    expect(runtime.ui.toasts.at(-1)?.message).toMatch(/continues in a minute/);
    const partial = runtime.values(TAB.leads);
    const score = findColumn(partial[0], "Score");
    const written = partial.slice(1).filter((r) => r[score] !== "" && r[score] !== undefined).length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(12_000);
    expect(written % 5_000).toBe(0); // whole blocks only: no lead half-written
    expect(runtime.triggers.list.filter((t) => t.handler === "continueScoring")).toHaveLength(1);

    for (let i = 0; i < 5 && runtime.triggers.list.some((t) => t.handler === "continueScoring"); i++) {
      runtime.advanceAndRun(61_000);
    }
    expect(runtime.triggers.list.filter((t) => t.handler === "continueScoring")).toHaveLength(0);
    const leads = runtime.values(TAB.leads);
    const headers = ["Score", "Tier", "Grade", "Fit Score", "Engagement Score", "Top Reasons", "Scored At"];
    const got = sheetOutputs(leads, headers);
    const want = engineOutputs(inputOf(tabs), asOf);
    for (const [row, out] of want) {
      const g = got.get(row)!;
      for (const h of headers) expect(plain(g[h]), `${h} row ${row}`).toEqual(plain(out[h]));
    }
  }, 120_000);
});

describe("Explain selected lead", () => {
  it("shows the selected lead's breakdown in a dialog, with sheet text escaped", () => {
    const { runtime, script } = loadAddon(demoTabs());
    script.call("menuScoreAll");
    const leads = runtime.values(TAB.leads);
    const first = findColumn(leads[0], "First Name");
    const last = findColumn(leads[0], "Last Name");
    const row =
      leads.findIndex((r) => `${r[first]} ${r[last]}`.includes(XSS_NAME) || r[first] === XSS_NAME) + 1;
    expect(row).toBeGreaterThan(1);
    runtime.peek(() => {
      const sheet = runtime.spreadsheet.getSheetByName(TAB.leads)!;
      runtime.spreadsheet.setActiveSheet(sheet);
      runtime.spreadsheet.setActiveRange(sheet.getRange(row, 2));
    });
    script.call("menuExplainSelectedLead");
    const dialog = runtime.ui.shown.at(-1)!;
    expect(dialog.kind).toBe("modal");
    expect(dialog.title).toBe(`Why ${leads[row - 1][findColumn(leads[0], "Score")]}?`);
    expect(dialog.html).not.toContain("<img");
    expect(dialog.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(dialog.html).toMatch(/points to|top tier/);
  });

  it("asks for a lead row when the selection is elsewhere", () => {
    const { runtime, script } = loadAddon(demoTabs());
    runtime.peek(() => runtime.spreadsheet.setActiveSheet(runtime.spreadsheet.getSheetByName(TAB.matrix)!));
    script.call("menuExplainSelectedLead");
    expect(runtime.ui.alerts.at(-1)?.prompt).toMatch(/Select a lead's row/);
  });
});

describe("Check the matrix", () => {
  it("validates without scoring and lists the problems", () => {
    const tabs = demoTabs();
    const matrix = tabs.find((t) => t.name === TAB.matrix)!.values;
    const points = findColumn(matrix[0], "Points");
    matrix[3] = matrix[3].slice();
    matrix[3][points] = "lots";
    const { runtime, script } = loadAddon(tabs);
    script.call("menuCheckMatrix");
    expect(findColumn(runtime.values(TAB.leads)[0], "Score")).toBe(-1);
    const problems = runtime.values("Problems");
    expect(problems.some((p) => p[1] === TAB.matrix && p[2] === 4 && p[3] === "Points")).toBe(true);
    expect(runtime.ui.toasts.at(-1)?.message).toMatch(/problems? found/);
  });
});
