// Per-user quotas (daily trigger runtime, simultaneous executions), cell counting and the cost model.
import { describe, expect, it } from "vitest";
import { LocalRuntime } from "../../src/local/gas";
import { REALISTIC_COST } from "../../src/local/gas/cost";
import { MAX_SIMULTANEOUS, RUNTIME_EXCEEDED, TOO_MANY_RUNNING } from "../../src/local/gas/quotas";

const MIN = 60_000;
const SCRIPT = `
function install() { ScriptApp.newTrigger("tick").timeBased().everyHours(1).create(); }
function tick() {
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data");
  s.getRange(1, 1).setValue(Number(s.getRange(1, 1).getValue()) + 1);
}
function readBlock() { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data").getRange(1, 1, 100, 20).getValues().length; }
function writeBlock() {
  var rows = [];
  for (var i = 0; i < 100; i++) { var r = []; for (var j = 0; j < 20; j++) r.push(i * j); rows.push(r); }
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Data").getRange(1, 1, 100, 20).setValues(rows);
}
`;

function setup(opts: ConstructorParameters<typeof LocalRuntime>[0] = {}) {
  const rt = new LocalRuntime({ now: new Date("2026-03-02T00:30:00Z"), ...opts });
  rt.loadTabs([{ name: "Data", values: Array.from({ length: 100 }, () => Array(20).fill(0)) }]);
  const script = rt.load(SCRIPT);
  return { rt, script };
}

describe("daily trigger runtime", () => {
  it("fails triggered runs with Google's error once the day's 90 minutes are used, and resets 24 h after the window opened", () => {
    // Each tick makes 2 Range calls at 15 min: 30 min per triggered run.
    const { rt, script } = setup({
      callCostMs: (n) => (n.startsWith("Range.") ? 15 * MIN : 0),
      maxExecutionMs: 60 * MIN,
    });
    script.call("install");
    const runs = rt.advanceAndRun(4 * 60 * MIN, { throwOnError: false });
    expect(runs.map((r) => (r.error ? String(r.error) : "ok"))).toEqual([
      "ok",
      "ok",
      "ok",
      `Error: ${RUNTIME_EXCEEDED}`,
    ]);
    expect(rt.quotas.usedMs("owner@example.com")).toBe(90 * MIN);
    expect(rt.values("Data")[0][0]).toBe(3);
    // Runs the user starts (menu, sidebar) are not triggered: they still work.
    expect(script.call("readBlock")).toBe(100);
    // The window opened at the first triggered run (01:30); at 01:30 the next day it resets.
    const later = rt.advanceAndRun(21 * 60 * MIN, { throwOnError: false });
    expect(later).toHaveLength(21);
    expect(later.slice(0, 20).every((r) => String(r.error) === `Error: ${RUNTIME_EXCEEDED}`)).toBe(true);
    expect(later[20].at.toISOString()).toBe("2026-03-03T01:30:00.000Z");
    expect(later[20].error).toBeUndefined();
  });

  it("stops a triggered run at its next service call when the quota runs out mid-run; Workspace has 6 h", () => {
    const { rt, script } = setup({ callCostMs: 20 * MIN, maxExecutionMs: 24 * 60 * MIN });
    script.call("install");
    rt.quotas.consume("owner@example.com", 80 * MIN);
    const [run] = rt.advanceAndRun(60 * MIN, { throwOnError: false });
    expect(String(run.error)).toBe(`Error: ${RUNTIME_EXCEEDED}`);
    expect(rt.values("Data")[0][0]).toBe(0);

    const ws = setup({ account: "workspace" });
    expect(ws.rt.quotas.remainingMs("owner@example.com")).toBe(6 * 60 * MIN);
  });
});

describe("simultaneous executions", () => {
  it("refuses the 31st execution of a user running at once, and counts exits", () => {
    const rt = new LocalRuntime();
    const script = rt.load(`function nest(n) { return n <= 1 ? 1 : 1 + __nest(n - 1); }`);
    // The script calls back into the host, which starts another execution: executions running at once.
    (script.context as Record<string, unknown>).__nest = (n: number) => script.call("nest", n);
    expect(script.call("nest", MAX_SIMULTANEOUS)).toBe(MAX_SIMULTANEOUS);
    expect(() => script.call("nest", MAX_SIMULTANEOUS + 1)).toThrow(TOO_MANY_RUNNING);
    expect(rt.quotas.runningNow("owner@example.com")).toBe(0);
    expect(script.call("nest", 2)).toBe(2);
  });
});

describe("cells and the cost model", () => {
  it("counts cells read and written, per run and in total, and not in peek()", () => {
    const { rt, script } = setup();
    rt.cells.reset();
    script.call("readBlock");
    script.call("writeBlock");
    expect([rt.cells.read, rt.cells.written]).toEqual([2000, 2000]);
    rt.peek(() => rt.spreadsheet.getSheetByName("Data")!.getDataRange().getValues());
    expect(rt.cells.read).toBe(2000);
    script.call("install");
    const [run] = rt.advanceAndRun(60 * MIN);
    expect(run.cells).toEqual({ read: 1, written: 1 });
  });

  it("charges per call and per cell under the realistic model only", () => {
    const { rt, script } = setup({ costModel: "realistic" });
    const t0 = rt.clock.now();
    script.call("readBlock");
    const calls = 4; // getActiveSpreadsheet, getSheetByName, getRange, getValues
    expect(rt.clock.now() - t0).toBeCloseTo(
      calls * REALISTIC_COST.callMs + 2000 * REALISTIC_COST.readCellMs,
      6,
    );
    const t1 = rt.clock.now();
    script.call("writeBlock");
    expect(rt.clock.now() - t1).toBeCloseTo(
      calls * REALISTIC_COST.callMs + 2000 * REALISTIC_COST.writeCellMs,
      6,
    );

    const plain = setup();
    const t2 = plain.rt.clock.now();
    plain.script.call("writeBlock");
    expect(plain.rt.clock.now()).toBe(t2);
  });

  it("puts the realistic figures in the published range: 100×100 cell by cell ≈ 70 s, batched ≈ 1 s or less", () => {
    const cellByCell = 10_000 * (REALISTIC_COST.callMs + REALISTIC_COST.writeCellMs);
    const batched = REALISTIC_COST.callMs + 10_000 * REALISTIC_COST.writeCellMs;
    expect(cellByCell).toBeGreaterThan(50_000);
    expect(cellByCell).toBeLessThan(100_000);
    expect(batched).toBeLessThan(1_000);
    // 100k rows × 20 columns read in one getValues: seconds, not minutes.
    expect(2_000_000 * REALISTIC_COST.readCellMs).toBeLessThan(60_000);
  });
});
