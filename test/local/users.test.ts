// Several editors: every execution runs as a user; installable triggers belong to the user who created them
// and run as that user; user properties and caches are per user; document and script properties are shared.
import { describe, expect, it } from "vitest";
import { LocalRuntime } from "../../src/local/gas";

const HOUR = 3_600_000;
const ANA = "ana@example.com";
const BEN = "ben@example.com";

const BUNDLE = `
function who() { return [Session.getEffectiveUser().getEmail(), Session.getActiveUser().getEmail()]; }
function record(tag, e) {
  var p = PropertiesService.getDocumentProperties();
  var seen = JSON.parse(p.getProperty("seen") || "[]");
  seen.push([tag].concat(who(), e && e.user ? [e.user.getEmail()] : []));
  p.setProperty("seen", JSON.stringify(seen));
}
function installAll() {
  var ss = SpreadsheetApp.getActive();
  ScriptApp.newTrigger("onTick").timeBased().everyHours(1).create();
  ScriptApp.newTrigger("onEditInstalled").forSpreadsheet(ss).onEdit().create();
  ScriptApp.newTrigger("onFormInstalled").forSpreadsheet(ss).onFormSubmit().create();
}
function mine() {
  return ScriptApp.getProjectTriggers().map(function (t) { return t.getHandlerFunction(); })
    .concat(ScriptApp.getUserTriggers(SpreadsheetApp.getActive()).length);
}
var kept = null;
function keepFirst() { kept = ScriptApp.getProjectTriggers()[0]; return kept.getUniqueId(); }
function deleteKept() { ScriptApp.deleteTrigger(kept); }
function deleteMine() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
function onTick(e) { record("tick", e); }
function onEditInstalled(e) { record("installed", e); }
function onEdit(e) { record("simple", e); }
function onFormInstalled(e) { record("form", e); }
function setMine(v) { PropertiesService.getUserProperties().setProperty("k", v); CacheService.getUserCache().put("k", v); }
function getMine() { return [PropertiesService.getUserProperties().getProperty("k"), CacheService.getUserCache().get("k")]; }
function setShared(v) { PropertiesService.getDocumentProperties().setProperty("d", v); PropertiesService.getScriptProperties().setProperty("s", v); }
function getShared() { return [PropertiesService.getDocumentProperties().getProperty("d"), PropertiesService.getScriptProperties().getProperty("s")]; }
function editors() { return SpreadsheetApp.getActive().getEditors().map(function (u) { return u.getEmail(); }); }
function addOne(h) { ScriptApp.newTrigger(h).timeBased().everyHours(1).create(); }
`;

function setup(opts: { addon?: boolean } = {}) {
  const rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z"), user: ANA, users: [BEN], ...opts });
  rt.loadTabs([
    { name: "Leads", values: [["Name"], ["Ada"]] },
    { name: "Form Responses 1", values: [["Timestamp", "Name"]] },
  ]);
  rt.load(BUNDLE);
  const seen = () => JSON.parse(rt.properties.document.get("seen") ?? "[]") as string[][];
  return { rt, seen };
}

describe("users", () => {
  it("a direct call runs as the user at the keyboard; rt.as switches it", () => {
    const { rt } = setup();
    expect(rt.call("who")).toEqual([ANA, ANA]);
    expect(rt.as(BEN).call("who")).toEqual([BEN, BEN]);
    expect(rt.call("who")).toEqual([ANA, ANA]);
    expect(rt.call("editors")).toEqual([ANA, BEN]);
  });

  it("refuses a user who is not an editor", () => {
    const { rt } = setup();
    expect(() => rt.as("eve@example.com")).toThrow(/not an editor/);
  });

  it("each user sees and deletes only the triggers they created", () => {
    const { rt } = setup();
    rt.call("installAll");
    expect(rt.as(BEN).call("mine")).toEqual([0]);
    rt.as(BEN).call("installAll");
    expect(rt.call("mine")).toEqual(["onTick", "onEditInstalled", "onFormInstalled", 3]);
    expect(rt.triggers.list.map((t) => t.owner)).toEqual([ANA, ANA, ANA, BEN, BEN, BEN]);
    rt.as(BEN).call("deleteMine");
    expect(rt.triggers.list.map((t) => t.owner)).toEqual([ANA, ANA, ANA]);
    expect(rt.call("mine")).toHaveLength(4);
  });

  it("another user's trigger cannot be deleted even when a Trigger object reaches them", () => {
    const { rt } = setup();
    rt.call("installAll");
    rt.call("keepFirst");
    expect(() => rt.as(BEN).call("deleteKept")).toThrow("Invalid argument: trigger");
    expect(rt.triggers.list).toHaveLength(3);
    rt.call("deleteKept");
    expect(rt.triggers.list).toHaveLength(2);
  });

  it("a trigger runs as its owner: time-driven, form, and an edit by another editor", () => {
    const { rt, seen } = setup();
    rt.call("installAll");
    rt.advanceAndRun(HOUR);
    rt.fireFormSubmit({ Name: ["Bo"] });
    rt.as(BEN).edit("Leads!A2", "Bea");
    rt.edit("Leads!A2", "Cy");
    expect(seen()).toEqual([
      ["tick", ANA, ANA],
      ["form", ANA, ANA],
      // Ben at the keyboard: the simple trigger runs as Ben, whose email a simple trigger does not get;
      // Ana's installable trigger runs as Ana, without Ben's authorization, so no active user.
      ["simple", BEN, "", ""],
      ["installed", ANA, "", ""],
      ["simple", ANA, ANA, ANA],
      ["installed", ANA, ANA, ANA],
    ]);
    expect(rt.runs.map((r) => [r.handler, r.user])).toEqual([
      ["onTick", ANA],
      ["onFormInstalled", ANA],
      ["onEdit", BEN],
      ["onEditInstalled", ANA],
      ["onEdit", ANA],
      ["onEditInstalled", ANA],
    ]);
  });

  it("both users' triggers fire for one event, each as its owner", () => {
    const { rt, seen } = setup();
    rt.call("installAll");
    rt.as(BEN).call("installAll");
    rt.advanceAndRun(HOUR);
    expect(seen()).toEqual([
      ["tick", ANA, ANA],
      ["tick", BEN, BEN],
    ]);
  });

  it("user properties and user caches are per user; document and script properties are shared", () => {
    const { rt } = setup();
    rt.call("setMine", "ana's");
    expect(rt.as(BEN).call("getMine")).toEqual([null, null]);
    rt.as(BEN).call("setMine", "ben's");
    expect(rt.call("getMine")).toEqual(["ana's", "ana's"]);
    expect(rt.as(BEN).call("getMine")).toEqual(["ben's", "ben's"]);
    rt.as(BEN).call("setShared", "x");
    expect(rt.call("getShared")).toEqual(["x", "x"]);
    expect(rt.properties.user.of(ANA).get("k")).toBe("ana's");
  });

  it("the 20-trigger limit and the add-on one-per-event-type rule count per user", () => {
    const { rt } = setup({ addon: true });
    rt.call("addOne", "onTick");
    expect(() => rt.call("addOne", "onTick")).toThrow(/too many CLOCK triggers/);
    rt.as(BEN).call("addOne", "onTick");
    expect(rt.triggers.list.map((t) => t.owner)).toEqual([ANA, BEN]);

    const plain = setup().rt;
    for (let i = 0; i < 20; i++) plain.call("addOne", "onTick");
    expect(() => plain.call("addOne", "onTick")).toThrow(/too many triggers/);
    plain.as(BEN).call("addOne", "onTick");
    expect(plain.triggers.list).toHaveLength(21);
  });

  it("without the users option there is one user, the owner", () => {
    const rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z") });
    rt.load(BUNDLE);
    expect(rt.call("who")).toEqual(["owner@example.com", "owner@example.com"]);
  });
});
