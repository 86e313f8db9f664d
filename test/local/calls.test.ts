// Call counting and failure injection.
import { describe, expect, it } from "vitest";
import { LocalRuntime } from "../../src/local/gas";

const BUNDLE = `
function readAll() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var out = [];
  ss.getSheets().forEach(function (s) { out.push(s.getDataRange().getValues().length); });
  return out;
}
function writeMany(n) {
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data");
  for (var i = 1; i <= n; i++) s.getRange(i, 1).setValue(i);
  return n;
}
`;

describe("call counter", () => {
  it("counts every service call by Class.method", () => {
    const rt = new LocalRuntime();
    rt.loadTabs([
      { name: "Data", values: [["a"], ["b"]] },
      { name: "Other", values: [["x"]] },
    ]);
    const script = rt.load(BUNDLE);
    expect(script.call("readAll")).toEqual([2, 1]);
    expect(rt.calls.byName()).toEqual({
      "SpreadsheetApp.getActiveSpreadsheet": 1,
      "Spreadsheet.getSheets": 1,
      "Sheet.getDataRange": 2,
      "Range.getValues": 2,
    });
    expect(rt.calls.total()).toBe(6);
    expect(rt.calls.total("Range.")).toBe(2);
    expect(rt.calls.total(/^Sheet\b/)).toBe(2);
    rt.calls.reset();
    expect(rt.calls.total()).toBe(0);
  });

  it("counts chained builder calls and calls made from tests", () => {
    const rt = new LocalRuntime();
    const app = rt.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    app.newDataValidation().requireCheckbox().setAllowInvalid(false).build();
    expect(rt.calls.byName()).toEqual({
      "SpreadsheetApp.newDataValidation": 1,
      "DataValidationBuilder.requireCheckbox": 1,
      "DataValidationBuilder.setAllowInvalid": 1,
      "DataValidationBuilder.build": 1,
    });
  });

  it("peek() reads through the fakes without counting", () => {
    const rt = new LocalRuntime();
    const n = rt.peek(() => rt.spreadsheet.getActiveSheet().getLastRow());
    expect(n).toBe(0);
    expect(rt.calls.total()).toBe(0);
  });
});

describe("failure injection", () => {
  it("failAfter(n, match) makes the (n+1)-th matching call throw, once", () => {
    const rt = new LocalRuntime();
    rt.loadTabs([{ name: "Data", values: [] }]);
    const script = rt.load(BUNDLE);
    rt.failAfter(3, "Range.setValue");
    expect(() => script.call("writeMany", 10)).toThrow(/Injected failure/);
    // Three writes landed before the failure: a partial run.
    expect(rt.values("Data")).toEqual([[1], [2], [3]]);
    // Only once: the retry succeeds.
    expect(script.call("writeMany", 10)).toBe(10);
    expect(rt.values("Data")).toHaveLength(10);
  });

  it("matches by prefix or RegExp, or any call", () => {
    const rt = new LocalRuntime();
    rt.failAfter(0, /^MailApp\./, "mail down");
    const mail = rt.globals.MailApp as GoogleAppsScript.Mail.MailApp;
    expect(() => mail.getRemainingDailyQuota()).toThrow("mail down");
    expect(mail.getRemainingDailyQuota()).toBe(100);
    rt.failAfter(1);
    rt.spreadsheet.getName();
    expect(() => rt.spreadsheet.getName()).toThrow(/Injected failure/);
  });
});

describe("execution limits and authorization modes", () => {
  it("stops a run past the time limit at its next service call", () => {
    const rt = new LocalRuntime({ callCostMs: 1000, maxExecutionMs: 5000 });
    rt.loadTabs([{ name: "Data", values: [] }]);
    const script = rt.load(BUNDLE);
    expect(() => script.call("writeMany", 100)).toThrow("Exceeded maximum execution time");
    expect(rt.values("Data").length).toBeLessThan(10);
  });

  it("refuses services the authorization mode does not allow", () => {
    const rt = new LocalRuntime();
    const script = rt.load(`
      function menuOnly() { SpreadsheetApp.getUi().createAddonMenu().addItem("Go", "go").addToUi(); return "ok"; }
      function readSheet() { return SpreadsheetApp.getActiveSpreadsheet().getName(); }
      function mail() { MailApp.sendEmail("a@example.com", "s", "b"); }
      function write() { SpreadsheetApp.getActiveSheet().getRange("A1").setValue(1); }
      function read() { return SpreadsheetApp.getActiveSheet().getRange("A1").getValue(); }
    `);
    expect(script.callAs("NONE", "menuOnly")).toBe("ok");
    expect(() => script.callAs("NONE", "readSheet")).toThrow(
      "You do not have permission to call SpreadsheetApp.getActiveSpreadsheet",
    );
    expect(script.callAs("LIMITED", "readSheet")).toBe("Leadscore (local)");
    expect(() => script.callAs("LIMITED", "mail")).toThrow(
      "You do not have permission to call MailApp.sendEmail",
    );
    expect(() => script.callAs("CUSTOM_FUNCTION", "write")).toThrow(
      "You do not have permission to call Range.setValue",
    );
    expect(script.callAs("CUSTOM_FUNCTION", "read")).toBe("");
    expect(rt.outbox).toHaveLength(0);
  });
});
