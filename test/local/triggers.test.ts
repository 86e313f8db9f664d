// ScriptApp triggers: builders, the registry, firing by the clock, and user events.
import { describe, expect, it } from "vitest";
import { LocalRuntime } from "../../src/local/gas";

const HOUR = 3_600_000;

const BUNDLE = `
function tick(e) {
  var p = PropertiesService.getScriptProperties();
  p.setProperty("ticks", String(Number(p.getProperty("ticks") || 0) + 1));
  p.setProperty("last", JSON.stringify(e));
}
function install(kind, n) {
  var b = ScriptApp.newTrigger("tick").timeBased();
  if (kind === "hours") b.everyHours(n);
  if (kind === "minutes") b.everyMinutes(n);
  if (kind === "daily") b.everyDays(1).atHour(n).inTimezone("Europe/Paris");
  return b.create().getUniqueId();
}
function installSheet() {
  var ss = SpreadsheetApp.getActive();
  ScriptApp.newTrigger("handleEdit").forSpreadsheet(ss).onEdit().create();
  ScriptApp.newTrigger("handleChange").forSpreadsheet(ss).onChange().create();
  ScriptApp.newTrigger("handleForm").forSpreadsheet(ss).onFormSubmit().create();
}
function list() {
  return ScriptApp.getProjectTriggers().map(function (t) {
    return [t.getHandlerFunction(), String(t.getEventType()), String(t.getTriggerSource())];
  });
}
function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
var seen = [];
function onEdit(e) { seen.push(["simple", e.authMode, e.range.getA1Notation(), e.value, e.oldValue]); }
function handleEdit(e) { seen.push(["installed", e.authMode, e.range.getA1Notation(), e.value, e.oldValue, !!e.triggerUid]); }
function handleChange(e) { seen.push(["change", e.changeType]); }
function handleForm(e) { seen.push(["form", e.namedValues, e.values.length, e.range ? e.range.getA1Notation() : null]); }
function getSeen() { return seen; }
function onOpen(e) { SpreadsheetApp.getUi().createAddonMenu().addItem("Score all leads now", "scoreAll").addToUi(); seen.push(["open", e.authMode]); }
function scoreAll() { SpreadsheetApp.getActive().toast("scored"); return "done"; }
`;

function setup(opts = {}) {
  const rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z"), ...opts });
  rt.loadTabs([{ name: "Leads", values: [["Name"], ["Ada"]] }]);
  const script = rt.load(BUNDLE);
  return { rt, script, ticks: () => Number(rt.properties.script.get("ticks") ?? 0) };
}

describe("time-driven triggers", () => {
  it("everyHours(n) fires every n hours by the clock", () => {
    const { rt, script, ticks } = setup();
    script.call("install", "hours", 2);
    expect(rt.runDueTriggers()).toEqual([]);
    rt.clock.advance(2 * HOUR - 1);
    expect(rt.runDueTriggers()).toEqual([]);
    rt.clock.advance(1);
    expect(rt.runDueTriggers().map((r) => r.handler)).toEqual(["tick"]);
    expect(ticks()).toBe(1);
    const runs = rt.advanceAndRun(24 * HOUR);
    expect(runs).toHaveLength(12);
    expect(runs[0].at.toISOString()).toBe("2024-03-01T14:00:00.000Z");
    expect(ticks()).toBe(13);
  });

  it("runClockTriggersNow fires each time-driven trigger once, its schedule unchanged", () => {
    const { rt, script, ticks } = setup();
    script.call("install", "hours", 2);
    const due = rt.triggers.earliest();
    expect(rt.runClockTriggersNow().map((r) => r.handler)).toEqual(["tick"]);
    expect(ticks()).toBe(1);
    expect(rt.triggers.earliest()).toBe(due);
    expect(rt.advanceAndRun(2 * HOUR)).toHaveLength(1);
  });

  it("passes a Google-shaped event object", () => {
    const { rt, script } = setup();
    const uid = script.call("install", "hours", 1);
    rt.advanceAndRun(HOUR);
    expect(JSON.parse(rt.properties.script.get("last")!)).toEqual({
      authMode: "FULL",
      "day-of-month": 1,
      "day-of-week": 5,
      hour: 11,
      minute: 0,
      month: 3,
      second: 0,
      timezone: "UTC",
      "week-of-year": 9,
      year: 2024,
      triggerUid: uid,
    });
  });

  it("everyDays(1).atHour(h) fires at that hour in its time zone", () => {
    const { rt, script } = setup();
    script.call("install", "daily", 8);
    const runs = rt.advanceAndRun(3 * 24 * HOUR);
    // 08:00 in Paris is 07:00 UTC in March (before the DST change on the 31st).
    expect(runs.map((r) => r.at.toISOString())).toEqual([
      "2024-03-02T07:00:00.000Z",
      "2024-03-03T07:00:00.000Z",
      "2024-03-04T07:00:00.000Z",
    ]);
  });

  it("runDueTriggers after a long jump fires each due trigger once", () => {
    const { rt, script, ticks } = setup();
    script.call("install", "hours", 1);
    rt.clock.advance(10 * HOUR);
    rt.runDueTriggers();
    expect(ticks()).toBe(1);
    rt.clock.advance(HOUR);
    rt.runDueTriggers();
    expect(ticks()).toBe(2);
  });

  it("validates intervals like Google", () => {
    const { script } = setup();
    expect(() => script.call("install", "minutes", 7)).toThrow(/everyMinutes/);
    expect(() => script.call("install", "hours", 3)).toThrow(/everyHours/);
    expect(script.call("install", "minutes", 15)).toMatch(/^\d+$/);
  });

  it("lists, deletes and limits triggers", () => {
    const { rt, script } = setup();
    script.call("install", "hours", 1);
    script.call("installSheet");
    expect(script.call("list")).toEqual([
      ["tick", "CLOCK", "CLOCK"],
      ["handleEdit", "ON_EDIT", "SPREADSHEETS"],
      ["handleChange", "ON_CHANGE", "SPREADSHEETS"],
      ["handleForm", "ON_FORM_SUBMIT", "SPREADSHEETS"],
    ]);
    script.call("removeAll");
    expect(script.call("list")).toEqual([]);
    for (let i = 0; i < 20; i++) script.call("install", "hours", 1);
    expect(() => script.call("install", "hours", 1)).toThrow(/too many triggers/);
    expect(rt.triggers.list).toHaveLength(20);
  });

  it("add-on mode: one trigger per event type, nothing more often than hourly", () => {
    const { script } = setup({ addon: true });
    expect(() => script.call("install", "minutes", 30)).toThrow(/once per hour/);
    script.call("install", "hours", 1);
    expect(() => script.call("install", "hours", 4)).toThrow(/too many CLOCK triggers/);
  });

  it("records handler errors; throwOnError false keeps going", () => {
    const rt = new LocalRuntime({ now: new Date("2024-03-01T00:00:00Z") });
    const script = rt.load(`var n = 0; function flaky() { n++; if (n === 1) throw new Error("first fails"); }
      function install() { ScriptApp.newTrigger("flaky").timeBased().everyHours(1).create(); }`);
    script.call("install");
    expect(() => rt.advanceAndRun(HOUR)).toThrow("first fails");
    const runs = rt.advanceAndRun(2 * HOUR, { throwOnError: false });
    expect(runs.map((r) => r.error === undefined)).toEqual([true, true]);
    expect(rt.runs).toHaveLength(3);
  });
});

describe("spreadsheet events", () => {
  it("API writes never fire onEdit; fireEdit calls the simple and installable handlers", () => {
    const { rt, script } = setup();
    script.call("installSheet");
    rt.spreadsheet.getSheetByName("Leads")!.getRange("A2").setValue("Bob");
    expect(script.call("getSeen")).toEqual([]);
    const runs = rt.edit("Leads!A2", "Cy");
    expect(runs.map((r) => `${r.kind}:${r.handler}`)).toEqual(["simple:onEdit", "installable:handleEdit"]);
    expect(script.call("getSeen")).toEqual([
      ["simple", "LIMITED", "A2", "Cy", "Bob"],
      ["installed", "FULL", "A2", "Cy", "Bob", true],
    ]);
    expect(rt.values("Leads")[1][0]).toBe("Cy");
  });

  it("multi-cell edits carry no value/oldValue", () => {
    const { rt, script } = setup();
    rt.edit("Leads!A2:A3", [["x"], ["y"]]);
    expect(script.call("getSeen")).toEqual([["simple", "LIMITED", "A2:A3", undefined, undefined]]);
  });

  it("fireChange and fireFormSubmit build Google-shaped events", () => {
    const { rt, script } = setup();
    script.call("installSheet");
    rt.fireChange("INSERT_ROW");
    rt.peek(() => rt.spreadsheet.insertSheet("Form Responses 1"));
    rt.fireFormSubmit({ Name: ["Dee"], Email: ["=cmd"] });
    expect(script.call("getSeen")).toEqual([
      ["change", "INSERT_ROW"],
      ["form", { Name: ["Dee"], Email: ["=cmd"] }, 3, "A1:C1"],
    ]);
    // The response row is stored as typed by the form (not parsed as a formula).
    const row = rt.values("Form Responses 1")[0];
    expect(row[0]).toBeInstanceOf(Date);
    expect(row.slice(1)).toEqual(["Dee", "=cmd"]);
  });

  it("fireOpen runs onOpen in the given auth mode; clickMenu runs a menu item", () => {
    const { rt, script } = setup();
    rt.fireOpen("NONE");
    expect(rt.ui.menus).toEqual([
      {
        title: "Leadscore",
        addon: true,
        items: [{ kind: "item", caption: "Score all leads now", functionName: "scoreAll" }],
      },
    ]);
    expect(rt.clickMenu("Score all leads now")).toBe("done");
    expect(rt.ui.lastToast()?.message).toBe("scored");
    expect(script.call("getSeen")).toEqual([["open", "NONE"]]);
  });
});
