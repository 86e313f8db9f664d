// Suggest points against the local runtime's in-memory spreadsheet, with the fit failing the way it did at
// 100,000 leads × 1,000,000 activities: the sidebar gets a sentence saying what stopped, not engine text.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { starterMatrix, TAB } from "../../src/core";
import { LocalRuntime } from "../../src/local/gas";
import { suggestPoints } from "../../src/sheets/calibration-service";

vi.mock("../../src/core/calibration", async (original) => ({
  ...(await original<typeof import("../../src/core/calibration")>()),
  fitMatrix: () => {
    throw new RangeError("Maximum call stack size exceeded");
  },
}));

let rt: LocalRuntime;
const g = globalThis as Record<string, unknown>;
const GLOBALS = ["SpreadsheetApp", "LockService", "PropertiesService", "console"] as const;
const saved = new Map<string, unknown>();

beforeEach(() => {
  rt = new LocalRuntime({ now: new Date("2024-03-01T10:00:00Z") });
  for (const name of GLOBALS) {
    saved.set(name, g[name]);
    g[name] = (rt.globals as unknown as Record<string, unknown>)[name];
  }
  rt.loadTabs([
    {
      name: TAB.leads,
      values: [
        ["Email", "Converted"],
        ["a@x.com", "TRUE"],
        ["b@x.com", "FALSE"],
      ],
    },
    { name: TAB.matrix, values: starterMatrix() },
  ]);
});

afterEach(() => {
  for (const name of GLOBALS) g[name] = saved.get(name);
});

describe("an unexpected error in Suggest points", () => {
  it("reaches the sidebar as a sentence naming the step, that nothing was written, and the engine's text", () => {
    const tabs = rt.sheetNames();
    expect(() => suggestPoints(rt.spreadsheet, {})).toThrow(
      /^Suggest points stopped on an unexpected error, so nothing was written\. .*\(error: Maximum call stack size exceeded\)\.$/,
    );
    expect(rt.sheetNames()).toEqual(tabs);
  });
});
