// Custom functions evaluated on ranges, through dist/Code.js in AuthMode.CUSTOM_FUNCTION, equal the engine.
import { describe, expect, it } from "vitest";
import { decayWeight, outputRow, scoreWorkbook } from "../../src/core";
import { TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import { demoTabs, inputOf, loadAddon, plain } from "./helpers";

const asCustom = (addon: ReturnType<typeof loadAddon>, name: string, ...args: unknown[]) =>
  addon.script.callAs("CUSTOM_FUNCTION", name, ...args);

describe("custom functions", () => {
  const tabs = demoTabs();
  const input = inputOf(tabs);
  const asOf = new Date("2026-10-15T12:00:00Z");
  const run = scoreWorkbook(input, { asOf, timeZone: "UTC" });
  const args = [input.leads, input.activities, input.matrix, input.settings, asOf.toISOString()];

  it("LEADSCORE returns one score per row of the leads range, equal to the engine's", () => {
    const addon = loadAddon(tabs);
    const column = asCustom(addon, "LEADSCORE", ...args) as unknown[][];
    expect(column).toHaveLength(input.leads.length);
    expect(column[0]).toEqual(["Score"]);
    const byRow = new Map(run.leads.map((l) => [l.sheetRow, l.score]));
    expect(column.slice(1)).toEqual(input.leads.slice(1).map((_, i) => [byRow.get(i + 2) ?? ""]));
  });

  it("LEADSCORE_DETAIL spills the output columns but Scored At", () => {
    const addon = loadAddon(tabs);
    const rows = asCustom(addon, "LEADSCORE_DETAIL", ...args) as unknown[][];
    // The demo's Enterprise model's columns come after Scored At.
    const at = run.outputHeaders.indexOf("Scored At");
    const butScoredAt = <T>(row: T[]) => row.filter((_, i) => i !== at);
    expect(at).toBeLessThan(run.outputHeaders.length - 1);
    expect(rows[0]).toEqual(butScoredAt(run.outputHeaders));
    for (const lead of run.leads.slice(0, 200)) {
      expect(rows[lead.sheetRow - 1].map(plain as never)).toEqual(
        butScoredAt(outputRow(run, lead)).map(plain as never),
      );
    }
  });

  it("scores as of the Settings 'Scored at' cell when no as_of is given", () => {
    const addon = loadAddon(tabs);
    addon.script.call("menuScoreAll");
    const settings = addon.runtime.values(TAB.settings);
    const column = asCustom(
      addon,
      "LEADSCORE",
      input.leads,
      input.activities,
      input.matrix,
      settings,
    ) as unknown[][];
    const atScoredAt = scoreWorkbook({ ...input, settings }, { asOf: DEFAULT_END, timeZone: "UTC" });
    const byRow = new Map(atScoredAt.leads.map((l) => [l.sheetRow, l.score]));
    expect(column.slice(1)).toEqual(input.leads.slice(1).map((_, i) => [byRow.get(i + 2) ?? ""]));
  });

  it("LEADTIER, LEADGRADE and LEADDECAY map values and ranges", () => {
    const addon = loadAddon(tabs);
    expect(asCustom(addon, "LEADTIER", 85)).toBe("Hot");
    expect(asCustom(addon, "LEADTIER", [[0], [31], [86], [""]])).toEqual([
      ["Cold"],
      ["Warm"],
      ["Sales-ready"],
      [""],
    ]);
    expect(
      asCustom(addon, "LEADTIER", 50, [
        ["Tier", "Min Score", "Notify"],
        ["Low", 0, false],
        ["High", 50, true],
      ]),
    ).toBe("High");
    expect(asCustom(addon, "LEADGRADE", 35)).toBe("B");
    expect(asCustom(addon, "LEADDECAY", 10, 30, 14)).toBeCloseTo(10 * decayWeight(30, 14), 12);
    expect(asCustom(addon, "LEADDECAY", 10, 30, "")).toBe(10);
  });

  it("gives a readable error for bad arguments", () => {
    const addon = loadAddon(tabs);
    expect(() => asCustom(addon, "LEADSCORE", "Leads", input.activities, input.matrix)).toThrow(
      /leads must be a range/,
    );
    expect(() => asCustom(addon, "LEADTIER", "high")).toThrow(/score "high" is not a number/);
    expect(() => asCustom(addon, "LEADSCORE", ...args.slice(0, 4), "next tuesday")).toThrow(
      /as_of "next tuesday"/,
    );
  });
});
