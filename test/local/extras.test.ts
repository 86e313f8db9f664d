// Smaller pieces: templates with script helpers, checkboxes, rich text, onInstall, Utilities.parseCsv.
import { describe, expect, it } from "vitest";
import { LocalRuntime } from "../../src/local/gas";

describe("extras", () => {
  it("template scriptlets see the script's globals (include pattern)", () => {
    const rt = new LocalRuntime({
      files: {
        page: "<main><?!= include('part') ?><? for (var i = 0; i < 2; i++) { ?>[<?= i ?>]<? } ?></main>",
        part: "<i>p</i>",
      },
    });
    const h = rt.load(`
      function include(name) { return HtmlService.createHtmlOutputFromFile(name).getContent(); }
      function show() { SpreadsheetApp.getUi().showSidebar(HtmlService.createTemplateFromFile("page").evaluate()); }
    `);
    h.call("show");
    expect(rt.ui.sidebars[0].html).toBe("<main><i>p</i>[0][1]</main>");
  });

  it("insertCheckboxes sets FALSE values and a checkbox rule; check/uncheck toggle", () => {
    const rt = new LocalRuntime();
    const r = rt.spreadsheet.getActiveSheet().getRange("A1:A2");
    r.insertCheckboxes();
    expect(r.getValues()).toEqual([[false], [false]]);
    expect(r.getDataValidation()?.getCriteriaType()).toBe("CHECKBOX");
    r.check();
    expect(r.isChecked()).toBe(true);
  });

  it("rich text values keep text and link", () => {
    const rt = new LocalRuntime();
    const app = rt.globals.SpreadsheetApp;
    const cell = rt.spreadsheet.getActiveSheet().getRange("B2");
    cell.setRichTextValue(
      app.newRichTextValue().setText("=not a formula").setLinkUrl("https://x.test/#gid=0").build(),
    );
    expect(cell.getValue()).toBe("=not a formula");
    expect(cell.getFormula()).toBe("");
    expect(cell.getRichTextValue()?.getLinkUrl()).toBe("https://x.test/#gid=0");
  });

  it("fireInstall runs onInstall in FULL mode; getUserTriggers takes the spreadsheet", () => {
    const rt = new LocalRuntime();
    const h = rt.load(`
      function onInstall(e) { ScriptApp.newTrigger("f").forSpreadsheet(SpreadsheetApp.getActive()).onOpen().create(); return e.authMode; }
      function count() { return ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).length; }
    `);
    const runs = rt.fireInstall();
    expect(runs[0].result).toBe("FULL");
    expect(h.call("count")).toBe(1);
  });

  it("Utilities.parseCsv returns strings", () => {
    const rt = new LocalRuntime();
    expect(rt.globals.Utilities.parseCsv('a,"b,c"\n1,2\n')).toEqual([
      ["a", "b,c"],
      ["1", "2"],
    ]);
  });

  it("dates from another realm are written as dates", () => {
    const rt = new LocalRuntime();
    const other = LocalRuntime.loadEmpty("function mk() { return new Date(0); }");
    const d = other.call("mk") as Date;
    expect(d instanceof Date).toBe(false); // a foreign-realm Date
    const cell = rt.spreadsheet.getActiveSheet().getRange("A1");
    cell.setValue(d);
    expect(cell.getValue()).toEqual(new Date(0));
  });
});
