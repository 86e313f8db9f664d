// "Set up workbook" against the local runtime's in-memory spreadsheet, called directly (the bundle-level
// end-to-end test lives elsewhere): what it creates, that a second run changes nothing, and that a tab the
// user already has is never written to.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ACTIVITY_HEADERS,
  defaultListsGrid,
  defaultSettingsGrid,
  LEADS_HEADERS,
  OPERATORS,
  outputHeaders,
  starterMatrix,
  TAB,
} from "../../src/core";
import { LocalRuntime, type TabValues } from "../../src/local/gas";
import { setupWorkbook } from "../../src/sheets/setup";
import { OUTPUT_PROTECTION_DESCRIPTION } from "../../src/sheets/setup-leads";
import { rectangular } from "../../src/sheets/setup-tabs";

const OUTPUTS = outputHeaders(["Fit", "Engagement"]);
const ALL_TABS = [TAB.leads, TAB.activities, TAB.matrix, TAB.settings, TAB.lists];

let rt: LocalRuntime;
const g = globalThis as Record<string, unknown>;

beforeEach(() => {
  rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z") });
  // setup uses the SpreadsheetApp global for builders and enums, as in Apps Script.
  g.SpreadsheetApp = rt.globals.SpreadsheetApp;
});

afterEach(() => {
  delete g.SpreadsheetApp;
});

const setup = () => setupWorkbook(rt.spreadsheet);

/** Everything setup could touch, on every tab, read without counting calls. */
function snapshot() {
  return rt.peek(() => ({ names: rt.sheetNames(), tabs: rt.sheetNames().map((n) => rt.inspect(n)) }));
}

function validationAt(tab: string, a1: string) {
  return rt.inspect(tab).validations.find((v) => v.a1 === a1);
}

function userLeads(rows: number): TabValues {
  const values: (string | number)[][] = [["Email", "Name", "Score", "My Notes", "Tier", "Grade", "Custom"]];
  for (let i = 0; i < rows; i++)
    values.push([`lead${i}@example.com`, `Lead ${i}`, 50, "call back", "Warm", "B", i]);
  return { name: "Leads", values };
}

describe("setupWorkbook on a new spreadsheet", () => {
  it("creates the five tabs at the end, in order, with their headers and templates", () => {
    const result = setup();
    expect(result).toEqual({ created: ALL_TABS, changed: true });
    expect(rt.sheetNames()).toEqual(["Sheet1", ...ALL_TABS]);
    expect(rt.values(TAB.leads)).toEqual([[...LEADS_HEADERS, ...OUTPUTS]]);
    expect(rt.values(TAB.activities)).toEqual([ACTIVITY_HEADERS]);
    expect(rt.values(TAB.matrix)).toEqual(rectangular(starterMatrix()));
    expect(rt.values(TAB.settings)).toEqual(rectangular(defaultSettingsGrid()));
    expect(rt.values(TAB.lists)).toEqual(rectangular(defaultListsGrid()));
    expect(rt.peek(() => rt.spreadsheet.getActiveSheet().getName())).toBe(TAB.leads);
  });

  it("writes each tab's contents with one setValues", () => {
    setup();
    expect(rt.calls.count("Range.setValues")).toBe(ALL_TABS.length);
    expect(rt.calls.count("Range.setValue")).toBe(0);
  });

  it("freezes and bolds every header row", () => {
    setup();
    for (const tab of ALL_TABS) {
      const state = rt.inspect(tab);
      expect(state.frozenRows, tab).toBe(1);
      const bold = state.styles.filter((s) => s.value === "bold").map((s) => s.a1);
      expect(bold, tab).toContain("A1");
      expect(
        bold.every((a1) => /^[A-Z]+1$/.test(a1)),
        tab,
      ).toBe(true);
    }
  });

  it("adds the matrix dropdowns and checkboxes", () => {
    setup();
    const rules = starterMatrix().length - 1;
    // Columns: A Active, B Group, D Source, G Operator.
    expect(validationAt(TAB.matrix, "A2")).toMatchObject({ criteria: "CHECKBOX" });
    expect(validationAt(TAB.matrix, `A${rules + 1}`)).toMatchObject({ criteria: "CHECKBOX" });
    expect(validationAt(TAB.matrix, `A${rules + 2}`)).toBeUndefined();
    expect(validationAt(TAB.matrix, "A1")).toBeUndefined();
    expect(validationAt(TAB.matrix, "D2")).toMatchObject({
      criteria: "VALUE_IN_LIST",
      args: [["Lead", "Activity"], true],
      allowInvalid: false,
    });
    expect(validationAt(TAB.matrix, "D1000")).toMatchObject({ criteria: "VALUE_IN_LIST" });
    expect(validationAt(TAB.matrix, "G500")).toMatchObject({
      criteria: "VALUE_IN_LIST",
      args: [[...OPERATORS], true],
      allowInvalid: true,
    });
    expect(validationAt(TAB.matrix, "B2")).toMatchObject({
      criteria: "VALUE_IN_LIST",
      args: [["Fit", "Engagement"], true],
      allowInvalid: true,
    });
    expect(validationAt(TAB.matrix, "C2")).toBeUndefined();
  });

  it("keeps the matrix Operator and Value columns as plain text, so `=` or `5000` stay as written", () => {
    setup();
    const formats = rt.inspect(TAB.matrix).numberFormats;
    for (const a1 of ["G1", "G2", "G1000", "H2", "H1000"])
      expect(formats, a1).toContainEqual({ a1, format: "@" });
    expect(formats.some((f) => f.a1.startsWith("I"))).toBe(false);
  });

  it("puts a Notify checkbox on each tier row of Settings", () => {
    setup();
    const grid = defaultSettingsGrid();
    const notify = grid[0].indexOf("Notify");
    const letter = String.fromCharCode(65 + notify);
    const checkboxes = rt
      .inspect(TAB.settings)
      .validations.filter((v) => v.criteria === "CHECKBOX")
      .map((v) => v.a1);
    expect(checkboxes).toEqual([2, 3, 4, 5].map((r) => `${letter}${r}`));
    // Sales-ready is the one tier notified by default, and stays a boolean under the checkbox.
    expect(rt.values(TAB.settings)[4][notify]).toBe(true);
  });

  it("colours the Leads Tier column with one rule per default tier", () => {
    setup();
    const tierCol = String.fromCharCode(65 + LEADS_HEADERS.length + OUTPUTS.indexOf("Tier"));
    const rules = rt.inspect(TAB.leads).conditionalRules;
    expect(rules.map((r) => [r.criteria, r.args[0]])).toEqual([
      ["TEXT_EQUAL_TO", "Cold"],
      ["TEXT_EQUAL_TO", "Warm"],
      ["TEXT_EQUAL_TO", "Hot"],
      ["TEXT_EQUAL_TO", "Sales-ready"],
    ]);
    for (const r of rules) {
      expect(r.ranges).toEqual([`${tierCol}1:${tierCol}1000`]);
      expect(r.background).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(new Set(rules.map((r) => r.background)).size).toBe(4);
  });

  it("protects the output columns with a warning only", () => {
    setup();
    const first = String.fromCharCode(65 + LEADS_HEADERS.length);
    const last = String.fromCharCode(65 + LEADS_HEADERS.length + OUTPUTS.length - 1);
    expect(rt.inspect(TAB.leads).protections).toEqual([
      {
        type: "RANGE",
        a1: `${first}1:${last}1000`,
        description: OUTPUT_PROTECTION_DESCRIPTION,
        warningOnly: true,
      },
    ]);
  });

  it("changes nothing the second time", () => {
    setup();
    const before = snapshot();
    rt.calls.reset();
    expect(setup()).toEqual({ created: [], changed: false });
    expect(snapshot()).toEqual(before);
    // Only reads: no setter, insert or protect call was made.
    const writes = Object.keys(rt.calls.byName()).filter((n) => /\.(set|insert|protect)/.test(n));
    expect(writes).toEqual([]);
  });
});

describe("setupWorkbook on a workbook the user already has", () => {
  it("never writes to the user's Leads tab; adds colours and protection to its output columns", () => {
    rt.loadTabs([userLeads(20)]);
    const leadsBefore = rt.values("Leads");
    const result = setup();
    expect(result).toEqual({ created: ALL_TABS.slice(1), changed: true });
    const state = rt.inspect("Leads");
    expect(state.values).toEqual(leadsBefore);
    expect(state.validations).toEqual([]);
    expect(state.styles).toEqual([]);
    expect(state.frozenRows).toBe(0);
    expect(state.columnWidths).toEqual({});
    expect(state.conditionalRules.map((r) => r.ranges)).toEqual(Array(4).fill(["E1:E1000"]));
    // Score (C) and Tier, Grade (E:F) are apart: one protection per run of adjacent output columns.
    expect(state.protections.map((p) => [p.a1, p.warningOnly])).toEqual([
      ["C1:C1000", true],
      ["E1:F1000", true],
    ]);
    // The user stays on their tab: only a created Leads tab is activated.
    expect(rt.peek(() => rt.spreadsheet.getActiveSheet().getName())).toBe("Leads");
  });

  it("keeps the user's own conditional formats and protections", () => {
    rt.loadTabs([userLeads(3)]);
    const app = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    rt.peek(() => {
      const sheet = rt.spreadsheet.getSheetByName("Leads")!;
      const mine = app
        .newConditionalFormatRule()
        .whenNumberGreaterThan(80)
        .setBold(true)
        .setRanges([sheet.getRange("C2:C100")])
        .build();
      sheet.setConditionalFormatRules([mine]);
      sheet.getRange("A1:A5").protect().setDescription("Keys");
    });
    setup();
    const state = rt.inspect("Leads");
    expect(state.conditionalRules[0]).toMatchObject({ criteria: "NUMBER_GREATER_THAN", ranges: ["C2:C100"] });
    expect(state.conditionalRules).toHaveLength(5);
    expect(state.protections[0]).toMatchObject({ a1: "A1:A5", description: "Keys", warningOnly: false });
    expect(state.protections).toHaveLength(3);
  });

  it("adds neither colours nor protection again when the user restyled or moved them", () => {
    rt.loadTabs([userLeads(3)]);
    setup();
    rt.peek(() => {
      const sheet = rt.spreadsheet.getSheetByName("Leads")!;
      // The user recolours one tier rule and drops the others; and removes one of our protections.
      const [cold] = sheet.getConditionalFormatRules();
      sheet.setConditionalFormatRules([cold.copy().setBackground("#000000").build()]);
      sheet.getProtections(app().ProtectionType.RANGE)[0].remove();
    });
    const before = snapshot();
    expect(setup()).toEqual({ created: [], changed: false });
    expect(snapshot()).toEqual(before);
  });

  it("finds existing tabs by trimmed, case-insensitive name and leaves them alone", () => {
    const tabs: TabValues[] = [
      { name: " leads ", values: [["Email"], ["a@x.com"]] },
      { name: "ACTIVITY LOG", values: [["When", "Who"]] },
      { name: "Scoring  Matrix", values: [["Rule"], ["mine"]] },
      { name: "settings", values: [] },
      { name: "Lists", values: [["Partners"], ["acme.com"]] },
    ];
    rt.loadTabs(tabs);
    const before = snapshot();
    expect(setup()).toEqual({ created: [], changed: false });
    expect(snapshot()).toEqual(before);
  });

  it("a Leads tab without output columns gets no colours or protection (scoring adds the columns)", () => {
    rt.loadTabs([
      {
        name: "Leads",
        values: [
          ["Email", "Company"],
          ["a@x.com", "X"],
        ],
      },
    ]);
    setup();
    const state = rt.inspect("Leads");
    expect(state.conditionalRules).toEqual([]);
    expect(state.protections).toEqual([]);
    expect(state.values).toEqual([
      ["Email", "Company"],
      ["a@x.com", "X"],
    ]);
  });

  it("makes the same number of calls for 10 or 5,000 leads", () => {
    const count = (rows: number) => {
      rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z") });
      g.SpreadsheetApp = rt.globals.SpreadsheetApp;
      rt.loadTabs([userLeads(rows)]);
      rt.calls.reset();
      setup();
      return rt.calls.byName();
    };
    const small = count(10);
    expect(count(5000)).toEqual(small);
    // And the whole setup stays small: tens of calls, not hundreds.
    expect(Object.values(small).reduce((a, b) => a + b, 0)).toBeLessThan(150);
  });
});

function app(): GoogleAppsScript.Spreadsheet.SpreadsheetApp {
  return rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}
