// Form intake on an existing lead and an edited (re-fired) response, through the built dist/Code.js.
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import type { ScriptHandle } from "../../src/local/gas";
import { a1Of } from "../../src/local/gas/spreadsheet/a1";
import { demoTabs, loadAddon } from "./helpers";

const RESPONSES = "Form Responses 1";

/** The responses tab's row as the script sees it (what e.range is). */
function responseRow(script: ScriptHandle, row: number, width: number): unknown {
  return script.evaluate(
    `SpreadsheetApp.getActive().getSheetByName("${RESPONSES}").getRange(${row}, 1, 1, ${width})`,
  );
}

function formSubmits(activities: unknown[][]): unknown[][] {
  const event = findColumn(activities[0] as string[], "Event");
  return activities.filter((r) => r[event] === "Form Submit");
}

describe("form intake on an existing lead", () => {
  it("writes only the answered cells: the user's formula, quote-prefixed text and 00123 are untouched", () => {
    const { runtime, script } = loadAddon(demoTabs());
    const leads = runtime.values(TAB.leads);
    const col = (h: string) => findColumn(leads[0], h);
    const row = 6;
    const cell = (h: string) => a1Of(row, col(h) + 1);
    runtime.edit(cell("Owner"), "=1+2");
    runtime.edit(cell("Source"), "'=note");
    runtime.edit(cell("Country"), "'00123");
    script.call("menuToggleAutoScoring");

    const email = String(leads[row - 1][col("Email")]);
    runtime.fireFormSubmit({ "Email Address": email, "Job Title": "Chief Executive Officer" });

    const after = runtime.values(TAB.leads);
    const formulas = runtime.inspect(TAB.leads).formulas;
    expect(after[row - 1][col("Job Title")]).toBe("Chief Executive Officer");
    expect(formulas[row - 1][col("Owner")]).toBe("=1+2");
    expect(after[row - 1][col("Owner")]).toBe(3);
    expect(after[row - 1][col("Source")]).toBe("=note");
    expect(formulas[row - 1][col("Source")]).toBe("");
    expect(after[row - 1][col("Country")]).toBe("00123");
  });
});

describe("an edited form response", () => {
  it("fires again for the same response row and adds no second Form Submit activity", () => {
    const { runtime, script } = loadAddon(demoTabs());
    script.call("menuToggleAutoScoring");
    const before = formSubmits(runtime.values(TAB.activities)).length;
    const email = "new.lead@acme-robotics.com";
    runtime.fireFormSubmit({ "Email Address": email, "Job Title": "Analyst" }, undefined, {
      sheet: RESPONSES,
    });
    expect(formSubmits(runtime.values(TAB.activities))).toHaveLength(before + 1);

    // Sheets re-fires onFormSubmit with e.range on the edited response's row; the local runtime always
    // appends a new response row, so the trigger handler is called with that event directly.
    const range = responseRow(script, runtime.values(RESPONSES).length, 3);
    script.call("onFormSubmitIntake", {
      namedValues: { "Email Address": [email], "Job Title": ["VP of Operations"] },
      values: ["", email, "VP of Operations"],
      range,
      source: script.evaluate("SpreadsheetApp.getActive()"),
    });

    const activities = runtime.values(TAB.activities);
    expect(formSubmits(activities)).toHaveLength(before + 1);
    const leads = runtime.values(TAB.leads);
    const emailCol = findColumn(leads[0], "Email");
    const rows = leads.filter((r) => r[emailCol] === email);
    expect(rows).toHaveLength(1);
    expect(rows[0][findColumn(leads[0], "Job Title")]).toBe("VP of Operations");
  });

  it("moves the activity to the new key when the respondent corrected their email", () => {
    const { runtime, script } = loadAddon(demoTabs());
    script.call("menuToggleAutoScoring");
    runtime.fireFormSubmit({ "Email Address": "typo@acme-robotics.com" }, undefined, { sheet: RESPONSES });
    const before = formSubmits(runtime.values(TAB.activities)).length;
    script.call("onFormSubmitIntake", {
      namedValues: { "Email Address": ["fixed@acme-robotics.com"] },
      values: ["", "fixed@acme-robotics.com"],
      range: responseRow(script, runtime.values(RESPONSES).length, 2),
    });
    const activities = formSubmits(runtime.values(TAB.activities));
    expect(activities).toHaveLength(before);
    const key = findColumn(runtime.values(TAB.activities)[0], "Email");
    expect(activities.map((r) => r[key])).toContain("fixed@acme-robotics.com");
    expect(activities.map((r) => r[key])).not.toContain("typo@acme-robotics.com");
  });
});

describe("form responses after the first", () => {
  it("find their lead by the key index (a re-keyed row, a row added unseen) and read no whole tab", () => {
    const { runtime, script } = loadAddon(demoTabs({ secondModel: false }));
    script.call("menuToggleAutoScoring");
    const submit = (email: string, title: string) => {
      const runs = runtime.fireFormSubmit({ "Email Address": email, "Job Title": title }, undefined, {
        sheet: RESPONSES,
      });
      const run = runs.find((r) => r.handler === "onFormSubmitIntake");
      expect(run?.error).toBeUndefined();
      return run!.cells!.read;
    };
    submit("first@acme-robotics.com", "Analyst"); // learns which responses the log records
    const leads = runtime.values(TAB.leads);
    const col = (h: string) => findColumn(leads[0], h);
    // A lead re-keyed by the user (the edit trigger keeps the index) and one added by another script.
    runtime.edit(`${TAB.leads}!${a1Of(8, col("Email") + 1)}`, "rekeyed@acme-robotics.com");
    const added = leads.length + 1;
    const row = leads[0].map((_, c) => (c === col("Email") ? "unseen@acme-robotics.com" : ""));
    runtime.peek(() => runtime.spreadsheet.getSheetByName(TAB.leads)!.appendRow(row));
    const before = formSubmits(runtime.values(TAB.activities)).length;
    const logCells = runtime.values(TAB.activities).length * runtime.values(TAB.activities)[0].length;

    // The unseen row first: the run after it indexes the row.
    const reads = [submit("unseen@acme-robotics.com", "CFO"), submit("REKEYED@acme-robotics.com", "CTO")];
    const after = runtime.values(TAB.leads);
    expect(after).toHaveLength(added);
    expect(after[7][col("Job Title")]).toBe("CTO");
    expect(after[added - 1][col("Job Title")]).toBe("CFO");
    expect(formSubmits(runtime.values(TAB.activities))).toHaveLength(before + 2);
    for (const read of reads) expect(read).toBeLessThan(logCells / 4);
  });
});
