// Pins the SpreadsheetApp fake to Google's reference semantics.
import { beforeEach, describe, expect, it } from "vitest";
import { LocalRuntime } from "../../src/local/gas";

let rt: LocalRuntime;
const ss = () => rt.spreadsheet;
const sheet = (name = "Data") => ss().getSheetByName(name)!;

beforeEach(() => {
  rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z") });
  rt.loadTabs([
    {
      name: "Data",
      values: [
        ["Name", "Score", "Active", "Created"],
        ["Ada", 42, true, new Date("2024-01-05T00:00:00Z")],
      ],
    },
    { name: "Empty", values: [] },
  ]);
});

describe("values", () => {
  it("reads blanks as '', numbers as numbers, booleans as booleans, dates as Date", () => {
    const v = sheet().getRange(2, 1, 2, 5).getValues();
    expect(v[0]).toEqual(["Ada", 42, true, new Date("2024-01-05T00:00:00Z"), ""]);
    expect(v[1]).toEqual(["", "", "", "", ""]);
    expect(v[0][3]).toBeInstanceOf(Date);
  });

  it("uses 1-based rows and columns", () => {
    expect(sheet().getRange(1, 1).getValue()).toBe("Name");
    expect(sheet().getRange(2, 2).getValue()).toBe(42);
    expect(sheet().getRange("B2").getValue()).toBe(42);
    expect(sheet().getRange("B2").getRow()).toBe(2);
    expect(sheet().getRange("B2").getColumn()).toBe(2);
  });

  it("throws Google's errors for bad coordinates", () => {
    expect(() => sheet().getRange(0, 1)).toThrow("The starting row of the range is too small.");
    expect(() => sheet().getRange(1, 0)).toThrow("The starting column of the range is too small.");
    expect(() => sheet().getRange(1, 1, 0, 1)).toThrow("The number of rows in the range must be at least 1.");
    expect(() => sheet().getRange(1, 1, 1, 0)).toThrow(
      "The number of columns in the range must be at least 1.",
    );
    expect(() => sheet().getRange(1001, 1)).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet.",
    );
    expect(() => sheet().getRange("nonsense!!")).toThrow("Range not found");
  });

  it("throws Google's shape errors in setValues", () => {
    const r = sheet().getRange(1, 1, 2, 3);
    expect(() => r.setValues([[1, 2, 3]])).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.",
    );
    expect(() =>
      r.setValues([
        [1, 2, 3],
        [1, 2],
      ]),
    ).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.",
    );
    expect(sheet().getRange(1, 1).getValue()).toBe("Name"); // nothing written
  });

  it("getLastRow/getLastColumn are 0 on an empty sheet; getDataRange is A1", () => {
    expect(sheet("Empty").getLastRow()).toBe(0);
    expect(sheet("Empty").getLastColumn()).toBe(0);
    expect(sheet("Empty").getDataRange().getA1Notation()).toBe("A1");
    expect(sheet().getLastRow()).toBe(2);
    expect(sheet().getLastColumn()).toBe(4);
    expect(sheet().getDataRange().getA1Notation()).toBe("A1:D2");
  });

  it("returns copies: mutating returned arrays or dates leaves the sheet unchanged", () => {
    const v = sheet().getDataRange().getValues();
    v[1][1] = 999;
    (v[1][3] as Date).setUTCFullYear(1999);
    const again = sheet().getDataRange().getValues();
    expect(again[1][1]).toBe(42);
    expect((again[1][3] as Date).getUTCFullYear()).toBe(2024);
    const input = [["x"]];
    sheet().getRange("A3").setValues(input);
    input[0][0] = "y";
    expect(sheet().getRange("A3").getValue()).toBe("x");
  });

  it("parses written strings as Sheets does for typed input", () => {
    const r = sheet("Empty").getRange(1, 1, 1, 10);
    r.setValues([["123", "TRUE", "false", "=1+1", "'=1+1", "'00123", "2024-01-05", "1,200", "50%", "plain"]]);
    expect(r.getValues()[0]).toEqual([
      123,
      true,
      false,
      2,
      "=1+1",
      "00123",
      new Date("2024-01-05T00:00:00Z"),
      1200,
      0.5,
      "plain",
    ]);
    expect(r.getFormulas()[0]).toEqual(["", "", "", "=1+1", "", "", "", "", "", ""]);
  });

  it("turns text starting with = + - into formulas unless escaped with an apostrophe", () => {
    const r = sheet("Empty").getRange(1, 1, 1, 5);
    r.setValues([['=HYPERLINK("http://x","click")', "=SUM(A2:A3)", "+1 555 0100", "-x", "@handle"]]);
    expect(r.getFormulas()[0]).toEqual([
      '=HYPERLINK("http://x","click")',
      "=SUM(A2:A3)",
      "=+1 555 0100",
      "=-x",
      "",
    ]);
    expect(r.getValues()[0]).toEqual(["click", "#N/A", "#ERROR!", "#N/A", "@handle"]);
    r.setValues([["'=SUM(A2:A3)", "'+1 555 0100", "'-x", "-5", "+7"]]);
    expect(r.getValues()[0]).toEqual(["=SUM(A2:A3)", "+1 555 0100", "-x", -5, 7]);
    expect(r.getFormulas()[0]).toEqual(["", "", "", "", ""]);
  });

  it("keeps strings as written in cells formatted as plain text (@)", () => {
    const r = sheet("Empty").getRange("A1:B1");
    r.setNumberFormat("@");
    r.setValues([["00123", "=1+1"]]);
    expect(r.getValues()[0]).toEqual(["00123", "=1+1"]);
    expect(r.getFormulas()[0]).toEqual(["", ""]);
  });

  it("setValue fills the whole range; getValue reads the top-left cell", () => {
    const r = sheet("Empty").getRange("A1:B2");
    r.setValue(7);
    expect(r.getValues()).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(r.getValue()).toBe(7);
  });

  it("stores formulas from setFormula(s) and returns them from getFormulas", () => {
    const s = sheet("Empty");
    s.getRange("A1:A2").setFormulas([["=2*3"], ['="a"&"b"']]);
    expect(s.getRange("A1:A2").getValues()).toEqual([[6], ["ab"]]);
    s.getRange("B1").setFormula("=LEADSCORE(A1:A2)");
    expect(s.getRange("B1").getFormula()).toBe("=LEADSCORE(A1:A2)");
    expect(s.getRange("B1").getValue()).toBe("#N/A");
    expect(s.getLastColumn()).toBe(2);
    s.getRange("B1").setValue("plain"); // a value replaces the formula
    expect(s.getRange("B1").getFormula()).toBe("");
  });

  it("writes values through setValues as given for numbers, booleans and dates", () => {
    const d = new Date("2024-02-02T12:34:56Z");
    sheet("Empty")
      .getRange("A1:D1")
      .setValues([[1.5, false, d, null]]);
    const got = sheet("Empty").getRange("A1:D1").getValues()[0];
    expect(got).toEqual([1.5, false, d, ""]);
    expect(got[2]).not.toBe(d);
  });

  it("getDisplayValues formats numbers, booleans and dates", () => {
    const s = sheet("Empty");
    s.getRange("A1:D1").setValues([[1234.5, true, new Date("2024-01-05T00:00:00Z"), 0.256]]);
    s.getRange("A1").setNumberFormat("#,##0.00");
    s.getRange("D1").setNumberFormat("0.0%");
    expect(s.getRange("A1:D1").getDisplayValues()[0]).toEqual(["1,234.50", "TRUE", "1/5/2024", "25.6%"]);
    s.getRange("C1").setNumberFormat("yyyy-mm-dd hh:mm");
    expect(s.getRange("C1").getDisplayValue()).toBe("2024-01-05 00:00");
  });
});

describe("sheets and ranges", () => {
  it("insertSheet throws when the name exists and makes the new sheet active", () => {
    expect(() => ss().insertSheet("Data")).toThrow(
      'A sheet with the name "Data" already exists. Please enter another name.',
    );
    const s = ss().insertSheet("New", 0);
    expect(
      ss()
        .getSheets()
        .map((x) => x.getName()),
    ).toEqual(["New", "Data", "Empty"]);
    expect(ss().getActiveSheet().getName()).toBe("New");
    expect(s.getMaxRows()).toBe(1000);
    expect(s.getMaxColumns()).toBe(26);
    expect(s.getIndex()).toBe(1);
  });

  it("getSheetByName returns null for a missing tab; deleteSheet removes one", () => {
    expect(ss().getSheetByName("Nope")).toBeNull();
    ss().deleteSheet(sheet("Empty"));
    expect(ss().getSheetByName("Empty")).toBeNull();
    expect(() => ss().deleteSheet(sheet("Data"))).toThrow("You can't remove all the sheets in a document.");
  });

  it("getRange with a sheet-qualified A1 on the spreadsheet", () => {
    ss().insertSheet("Scoring Matrix").getRange("B2").setValue(5);
    expect(ss().getRange("'Scoring Matrix'!B2").getValue()).toBe(5);
    expect(ss().getRange("Data!A1:B1").getValues()).toEqual([["Name", "Score"]]);
    expect(ss().getRange("Data!A1:B1").getSheet().getName()).toBe("Data");
  });

  it("open-ended A1 ranges reach the sheet's edge", () => {
    const r = sheet().getRange("A2:C");
    expect(r.getNumRows()).toBe(999);
    expect(sheet().getRange("B:B").getNumRows()).toBe(1000);
    expect(sheet().getRange("2:2").getNumColumns()).toBe(26);
  });

  it("appendRow writes after the last row and grows the sheet when full", () => {
    const s = sheet("Empty");
    s.appendRow(["a", "1"]);
    s.appendRow(["b", 2]);
    expect(s.getDataRange().getValues()).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    const small = ss().insertSheet("Small");
    small.deleteRows(2, 999);
    expect(small.getMaxRows()).toBe(1);
    small.appendRow(["x"]);
    small.appendRow(["y"]);
    expect(small.getMaxRows()).toBe(2);
    expect(small.getLastRow()).toBe(2);
  });

  it("insertRowsAfter and deleteRows shift values and notes", () => {
    const s = sheet();
    s.getRange("A2").setNote("note on Ada");
    s.insertRowsAfter(1, 2);
    expect(s.getRange("A4").getValue()).toBe("Ada");
    expect(s.getRange("A4").getNote()).toBe("note on Ada");
    expect(s.getMaxRows()).toBe(1002);
    s.deleteRow(2);
    expect(s.getRange("A3").getValue()).toBe("Ada");
    expect(s.getLastRow()).toBe(3);
  });

  it("writing past the sheet edge grows it when strictBounds is false", () => {
    const loose = new LocalRuntime({ strictBounds: false });
    const s = loose.spreadsheet.getActiveSheet();
    s.getRange(1500, 30).setValue("far");
    expect(s.getMaxRows()).toBe(1500);
    expect(s.getMaxColumns()).toBe(30);
    expect(s.getLastRow()).toBe(1500);
  });

  it("offset, getCell, getA1Notation and friends", () => {
    const r = sheet().getRange("B2:C3");
    expect(r.getA1Notation()).toBe("B2:C3");
    expect(r.offset(1, 1).getA1Notation()).toBe("C3:D4");
    expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe("B2");
    expect(r.getCell(2, 2).getA1Notation()).toBe("C3");
    expect(r.getLastRow()).toBe(3);
    expect(r.getLastColumn()).toBe(3);
    expect(
      sheet()
        .getRange(1, 27 - 26, 1, 26)
        .getA1Notation(),
    ).toBe("A1:Z1");
  });

  it("frozen rows, tab colour, column widths and hiding are recorded", () => {
    const s = sheet();
    s.setFrozenRows(1);
    s.setFrozenColumns(2);
    s.setTabColor("#ff0000");
    s.setColumnWidth(3, 200);
    s.autoResizeColumns(1, 4);
    s.hideSheet();
    expect(s.getFrozenRows()).toBe(1);
    expect(s.getFrozenColumns()).toBe(2);
    expect(s.isSheetHidden()).toBe(true);
    const state = rt.inspect("Data");
    expect(state).toMatchObject({ frozenRows: 1, frozenColumns: 2, tabColor: "#ff0000", hidden: true });
    expect(state.columnWidths).toEqual({ 3: 200 });
    expect(state.layout).toEqual(["autoResizeColumns(1,4)"]);
  });

  it("clearContent keeps formats; clear removes both", () => {
    const r = sheet().getRange("A1:B1");
    r.setBackground("#eeeeee");
    r.clearContent();
    expect(r.getValues()).toEqual([["", ""]]);
    expect(r.getBackground()).toBe("#eeeeee");
    r.clear();
    expect(r.getBackground()).toBe("#ffffff");
  });

  it("renaming to an existing name throws", () => {
    expect(() => sheet("Empty").setName("Data")).toThrow('A sheet with the name "Data" already exists');
    sheet("Empty").setName("Lists");
    expect(ss().getSheetByName("Lists")).not.toBeNull();
  });

  it("active sheet and range", () => {
    const r = sheet().getRange("B2");
    r.activate();
    expect(ss().getActiveSheet().getName()).toBe("Data");
    expect((ss().getActiveRange() as { getA1Notation(): string }).getA1Notation()).toBe("B2");
  });

  it("notes, number formats and styles", () => {
    const r = sheet().getRange("A1:B1");
    r.setNotes([["n1", ""]]);
    r.setFontWeight("bold")
      .setBackgrounds([["#111111", null]])
      .setFontColor("#ffffff")
      .setWrap(true);
    r.setHorizontalAlignment("center");
    expect(r.getNotes()).toEqual([["n1", ""]]);
    expect(r.getFontWeight()).toBe("bold");
    expect(r.getBackgrounds()).toEqual([["#111111", "#ffffff"]]);
    expect(r.getFontColor()).toBe("#ffffff");
    expect(r.getWrap()).toBe(true);
    expect(r.getNumberFormat()).toBe("0.###############");
    expect(rt.inspect("Data").notes).toEqual([{ a1: "A1", note: "n1" }]);
  });
});

describe("validation, conditional formatting, protection", () => {
  it("data validation rules round-trip through the builder", () => {
    const app = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const rule = app
      .newDataValidation()
      .requireValueInList(["Web", "Event"], true)
      .setAllowInvalid(false)
      .setHelpText("Pick a source")
      .build();
    sheet().getRange("A2:A10").setDataValidation(rule);
    const got = sheet().getRange("A5").getDataValidation()!;
    expect(got.getCriteriaType()).toBe("VALUE_IN_LIST");
    expect(got.getCriteriaValues()).toEqual([["Web", "Event"], true]);
    expect(got.getAllowInvalid()).toBe(false);
    expect(got.getHelpText()).toBe("Pick a source");
    expect(sheet().getRange("A1").getDataValidation()).toBeNull();
    const cb = app.newDataValidation().requireCheckbox().build();
    sheet().getRange("C2").setDataValidation(cb);
    expect(rt.inspect("Data").validations.map((v) => `${v.a1}:${v.criteria}`)).toContain("C2:CHECKBOX");
    // Scripts may write anything: validation does not block API writes.
    sheet().getRange("A2").setValue("Other");
    expect(sheet().getRange("A2").getValue()).toBe("Other");
  });

  it("conditional format rules are stored per sheet", () => {
    const app = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const range = sheet().getRange("B2:B100");
    const rule = app
      .newConditionalFormatRule()
      .whenTextEqualTo("Hot")
      .setBackground("#f4cccc")
      .setFontColor("#990000")
      .setRanges([range])
      .build();
    const rules = sheet().getConditionalFormatRules();
    rules.push(rule);
    sheet().setConditionalFormatRules(rules);
    const back = sheet().getConditionalFormatRules();
    expect(back).toHaveLength(1);
    expect(back[0].getBooleanCondition()!.getCriteriaType()).toBe("TEXT_EQUAL_TO");
    expect(back[0].getBooleanCondition()!.getCriteriaValues()).toEqual(["Hot"]);
    expect(back[0].getBooleanCondition()!.getBackground()).toBe("#f4cccc");
    expect(back[0].getRanges()[0].getA1Notation()).toBe("B2:B100");
    expect(rt.inspect("Data").conditionalRules[0]).toMatchObject({
      criteria: "TEXT_EQUAL_TO",
      ranges: ["B2:B100"],
    });
  });

  it("protect() records warning-only protections, listed by type", () => {
    const p = sheet().getRange("E1:F1000").protect().setDescription("Leadscore output").setWarningOnly(true);
    expect(p.isWarningOnly()).toBe(true);
    const app = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const list = sheet().getProtections(app.ProtectionType.RANGE);
    expect(list).toHaveLength(1);
    expect(list[0].getDescription()).toBe("Leadscore output");
    expect(list[0].getRange().getA1Notation()).toBe("E1:F1000");
    expect(sheet().getProtections(app.ProtectionType.SHEET)).toHaveLength(0);
    const sp1 = sheet().protect();
    const sp2 = sheet().protect();
    expect(sp1.getProtectionType()).toBe("SHEET");
    expect(ss().getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    sp2.remove();
    expect(ss().getProtections(app.ProtectionType.SHEET)).toHaveLength(0);
    expect(rt.inspect("Data").protections).toEqual([
      { type: "RANGE", a1: "E1:F1000", description: "Leadscore output", warningOnly: true },
    ]);
  });

  it("toasts are recorded with title and timeout", () => {
    ss().toast("Scored 10 leads", "Leadscore", 10);
    expect(rt.ui.lastToast()).toMatchObject({
      message: "Scored 10 leads",
      title: "Leadscore",
      timeoutSeconds: 10,
    });
  });
});

describe("workbook import/export", () => {
  it("tabs() returns what loadTabs stored, without counting calls", () => {
    rt.calls.reset();
    expect(rt.tabs()).toEqual([
      {
        name: "Data",
        values: [
          ["Name", "Score", "Active", "Created"],
          ["Ada", 42, true, new Date("2024-01-05T00:00:00Z")],
        ],
      },
      { name: "Empty", values: [] },
    ]);
    expect(rt.calls.total()).toBe(0);
  });

  it("loadTabs stores strings as given (no formula parsing) and sizes sheets to fit", () => {
    const rows = Array.from({ length: 1500 }, (_, i) => [`=row${i}`, "007"]);
    rt.loadTabs([{ name: "Big", values: rows }]);
    const s = sheet("Big");
    expect(s.getMaxRows()).toBe(1500);
    expect(s.getRange("A1:B1").getValues()).toEqual([["=row0", "007"]]);
    expect(s.getRange("A1").getFormula()).toBe("");
  });
});

// Speed is measured in bench/sheet.ts, not asserted here.
describe("large blocks", () => {
  it("reads and writes 100,000 × 20", () => {
    const s = ss().insertSheet("Big");
    s.insertRowsAfter(1, 100_000);
    const data = Array.from({ length: 100_000 }, (_, i) =>
      Array.from({ length: 20 }, (_, j) => (j % 2 ? i * j : `t${j}`)),
    );
    s.getRange(1, 1, 100_000, 20).setValues(data);
    const got = s.getRange(1, 1, 100_000, 20).getValues();
    expect(got[99_999][19]).toBe(99_999 * 19);
    expect(got[50_000][4]).toBe("t4");
    expect(s.getLastRow()).toBe(100_000);
  });
});
