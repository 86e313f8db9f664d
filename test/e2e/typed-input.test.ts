// What the spreadsheet locale's typed-input parsing does to leads, through the built dist/Code.js.
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import { demoTabs, engineOutputs, inputOf, loadAddon, plain } from "./helpers";

const SIZE = "1-10"; // a company-size answer: Jan 10 to en_US Sheets

describe("typed input (en_US)", () => {
  it("a user typing 1-10 as a company size stores a date, and scoring reads that date", () => {
    const { runtime, script } = loadAddon(demoTabs(), { locale: "en_US" });
    const leads = runtime.values(TAB.leads);
    const employees = String.fromCharCode(65 + findColumn(leads[0], "Employees"));
    runtime.edit(`${TAB.leads}!${employees}2`, SIZE);
    const stored = runtime.values(TAB.leads)[1][findColumn(leads[0], "Employees")];
    expect(plain(stored)).toBe(`${DEFAULT_END.getUTCFullYear()}-01-10T00:00:00.000Z`);

    script.call("menuScoreAll");
    const after = runtime.values(TAB.leads);
    const expected = engineOutputs(inputOf(runtime.tabs()), DEFAULT_END).get(2)!;
    expect(after[1][findColumn(after[0], "Score")]).toBe(expected.Score);
  });

  it("text the add-on writes from a form response that must stay text survives", () => {
    const { runtime, script } = loadAddon(demoTabs(), { locale: "en_US" });
    script.call("menuToggleAutoScoring");
    runtime.fireFormSubmit({
      "Email Address": "new.lead@acme-robotics.com",
      "First Name": "=1+1",
      "Last Name": "-Smith",
      Company: "3/4 Partners",
    });
    const leads = runtime.values(TAB.leads);
    const row = leads[leads.length - 1];
    const col = (h: string) => findColumn(leads[0], h);
    expect(row[col("First Name")]).toBe("=1+1");
    expect(row[col("Last Name")]).toBe("-Smith");
    expect(row[col("Company")]).toBe("3/4 Partners");
    const scored = row[col("Score")];
    script.call("menuScoreAll"); // a full run reads the sheet back: the form lead's score must not move
    expect(runtime.values(TAB.leads)[leads.length - 1][col("Score")]).toBe(scored);
  });

  // Form intake writes every answer as literal text, so nothing a respondent typed is re-typed by Sheets.
  it("form answers that Sheets would re-type are stored as the respondent wrote them", () => {
    const { runtime, script } = loadAddon(demoTabs(), { locale: "en_US" });
    script.call("menuToggleAutoScoring");
    runtime.fireFormSubmit({
      "Email Address": "new.lead@acme-robotics.com",
      Employees: SIZE,
      Country: "TRUE",
    });
    const leads = runtime.values(TAB.leads);
    const row = leads[leads.length - 1];
    expect(row[findColumn(leads[0], "Employees")]).toBe(SIZE);
    expect(row[findColumn(leads[0], "Country")]).toBe("TRUE");
  });
});
