// Loading a bundle into a vm context: globals, the Date shim, realms, and the empty-context helper.
import { describe, expect, it } from "vitest";
import { LocalRuntime } from "../../src/local/gas";

describe("load()", () => {
  it("runs a plain script whose entry points are top-level functions", () => {
    const rt = new LocalRuntime();
    const h = rt.load(`var VERSION = "1"; function hello(name) { return "hi " + name; } const hidden = 1;`);
    expect(h.has("hello")).toBe(true);
    expect(h.has("VERSION")).toBe(false);
    expect(h.has("nope")).toBe(false);
    expect(h.functions()).toEqual(["hello"]);
    expect(h.call("hello", "Ada")).toBe("hi Ada");
    expect(() => h.call("nope")).toThrow("Script function not found: nope");
  });

  it("gives a fresh context with only the service globals (no Node globals)", () => {
    const rt = new LocalRuntime();
    const h = rt.load(`function kinds() {
      return [typeof SpreadsheetApp, typeof PropertiesService, typeof CacheService, typeof LockService,
        typeof ScriptApp, typeof MailApp, typeof HtmlService, typeof Session, typeof Utilities, typeof Logger,
        typeof console, typeof setTimeout, typeof process, typeof require, typeof Buffer, typeof fetch];
    }`);
    expect(h.call("kinds")).toEqual([
      ...Array(10).fill("object"),
      "object",
      "undefined",
      "undefined",
      "undefined",
      "undefined",
      "undefined",
    ]);
    const h2 = rt.load(`function leaked() { return typeof hello; }`);
    expect(h2.call("leaked")).toBe("undefined");
  });

  it("new Date() and Date.now() follow the runtime clock", () => {
    const rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z") });
    const h = rt.load(`
      function now() { return [new Date().toISOString(), Date.now(), typeof Date()]; }
      function make(ms) { return new Date(ms); }
      function isDate(x) { return x instanceof Date; }
      function parts() { var d = new Date(2024, 0, 5); return d.getFullYear(); }
    `);
    expect(h.call("now")).toEqual(["2024-03-01T10:00:00.000Z", Date.parse("2024-03-01T10:00:00Z"), "string"]);
    rt.clock.advance(60_000);
    expect((h.call("now") as unknown[])[0]).toBe("2024-03-01T10:01:00.000Z");
    rt.clock.set(new Date("2025-01-01T00:00:00Z"));
    expect((h.call("now") as unknown[])[0]).toBe("2025-01-01T00:00:00.000Z");
    // Dates cross the boundary both ways and stay dates.
    const d = h.call("make", 0);
    expect(d).toBeInstanceOf(Date);
    expect(h.call("isDate", new Date())).toBe(true);
    expect(h.call("parts")).toBe(2024);
  });

  it("dates read from the sheet are Dates inside the script", () => {
    const rt = new LocalRuntime();
    rt.loadTabs([{ name: "T", values: [[new Date("2024-01-05T00:00:00Z")]] }]);
    const h = rt.load(`function check() {
      var v = SpreadsheetApp.getActiveSheet().getRange("A1").getValues();
      return [v instanceof Array, v[0] instanceof Array, v[0][0] instanceof Date, v[0][0].getTime()];
    }`);
    expect(h.call("check")).toEqual([true, true, true, Date.parse("2024-01-05T00:00:00Z")]);
  });

  it("objects handed to the script are of the script's realm", () => {
    const rt = new LocalRuntime();
    const h = rt.load(`function check(obj) {
      var props = PropertiesService.getDocumentProperties().setProperty("k", "v").getProperties();
      return [obj instanceof Object, obj.list instanceof Array, props instanceof Object, props.k];
    }`);
    expect(h.call("check", { list: [1, 2] })).toEqual([true, true, true, "v"]);
  });

  it("logs from Logger and console are recorded", () => {
    const rt = new LocalRuntime();
    const h = rt.load(
      `function run() { Logger.log("n=%s", 3); console.log("hello", {a: 1}); console.error("bad"); }`,
    );
    h.call("run");
    expect(rt.logs.map((l) => [l.level, l.message])).toEqual([
      ["Logger", "n=3"],
      ["log", "hello { a: 1 }"],
      ["error", "bad"],
    ]);
  });

  it("binds the built-ins to the context's own objects, as the script would find them", () => {
    const rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z") });
    const h = rt.load(`function check(hostArray, hostMath) {
      var own = (0, eval)("this");
      return [
        Array === own.Array, Array !== hostArray, Math === own.Math, Math !== hostMath, Object === own.Object,
        JSON === own.JSON, Map === own.Map, Date === own.Date, [] instanceof Array,
        Object.getPrototypeOf({}) === Object.prototype, new Date().toISOString(),
      ];
    }`);
    expect(h.call("check", Array, Math)).toEqual([...Array(10).fill(true), "2024-03-01T10:00:00.000Z"]);
    // The names are bound before the script runs (a global lookup no longer reaches the sandbox), and
    // they are not globals of the script's own.
    expect(h.evaluate(`globalThis.Math = 1; typeof Math`)).toBe("object");
    expect(h.functions()).toEqual(["check"]);
    expect(h.has("Math")).toBe(false);
  });

  it("leaves a built-in's name alone when the script declares it", () => {
    const rt = new LocalRuntime();
    const h = rt.load(`var Map = "mine"; function Set() { return "set"; } function check() {
      return [Map, Set(), typeof Math.max];
    }`);
    expect(h.call("check")).toEqual(["mine", "set", "function"]);
    // A declaration the scan cannot see (destructuring) still loads: the script runs without bindings.
    const h2 = rt.load(`var { JSON } = { JSON: "mine" }; function check() { return [JSON, typeof Math]; }`);
    expect(h2.call("check")).toEqual(["mine", "object"]);
  });

  it("top-level code that throws surfaces the error", () => {
    const rt = new LocalRuntime();
    expect(() => rt.load(`throw new Error("boom")`)).toThrow("boom");
  });
});

describe("loadEmpty()", () => {
  it("loads a bundle into a context with no globals at all", () => {
    const h = LocalRuntime.loadEmpty(`function onOpen(e) {} function score() { return 1; } var x = 1;`);
    expect(h.functions().sort()).toEqual(["onOpen", "score"]);
    expect(h.call("score")).toBe(1);
    expect(h.evaluate("typeof SpreadsheetApp")).toBe("undefined");
  });

  it("fails when module top level calls a service", () => {
    expect(() => LocalRuntime.loadEmpty(`var ss = SpreadsheetApp.getActiveSpreadsheet();`)).toThrow(
      /SpreadsheetApp is not defined/,
    );
  });
});
