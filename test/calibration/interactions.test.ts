import { describe, expect, it } from "vitest";
import { scoreWorkbook, validateWorkbook } from "../../src/core";
import { fitMatrix } from "../../src/core/calibration";
import { auc } from "../../src/core/calibration/auc";
import { splitHoldout } from "../../src/core/calibration/holdout";
import { AS_OF, knownTruth } from "./helpers";

describe("fit with interactions", () => {
  // Manager leads from a Webinar: +2 log-odds on top of the main effects.
  const { input, y } = knownTruth(5000, 11, 2);
  const options = { timeZone: "UTC", asOf: AS_OF, refitOnAll: false };
  const withPairs = fitMatrix(input, options);
  const without = fitMatrix(input, { ...options, interactions: false });

  it("proposes the planted pair as a rule with Only If, and it pays on the held-out leads", () => {
    const header = withPairs.matrix[0];
    const onlyIf = header.indexOf("Only If");
    expect(onlyIf).toBeGreaterThan(0);
    const pair = withPairs.matrix.slice(1).find((r) => r[onlyIf] !== "");
    expect(withPairs.report.interactions).toContain(pair?.[2]);
    expect([pair?.[2], pair?.[onlyIf]].join(" ")).toMatch(
      /Source = Webinar.*Title = Manager|Title = Manager.*Source = Webinar/,
    );
    expect(Number(pair?.[8])).toBeGreaterThan(0);
    // The rule Only If names is in the matrix (a 0-point condition when no other rule has it).
    expect(withPairs.matrix.some((r) => r[2] === pair?.[onlyIf] && r[onlyIf] === "")).toBe(true);
    expect(withPairs.report.auc_integer!).toBeGreaterThan(without.report.auc_integer! + 0.003);
    expect(without.report.interactions).toEqual([]);
    expect(without.matrix[0]).not.toContain("Only If");
  });

  it("writes a matrix the engine reads without problems, within the rule limit, scored as the fit measured it", () => {
    const matrix = withPairs.matrix;
    expect(matrix.length - 1).toBeLessThanOrEqual(40);
    expect(validateWorkbook({ ...input, matrix }, "UTC")).toEqual([]);
    const labelled = Array.from(y.keys());
    const { testRows } = splitHoldout(labelled, Uint8Array.from(y, Number), 1, 0.25);
    const rows = new Set(testRows.map((r) => r + 2));
    const run = scoreWorkbook({ ...input, matrix }, { asOf: AS_OF, timeZone: "UTC", onlyRows: rows });
    const held = run.leads.filter((l) => rows.has(l.sheetRow));
    const measured = auc(
      held.map((l) => l.score),
      held.map((l) => y[l.sheetRow - 2]),
    );
    expect(measured).toBe(withPairs.report.auc_integer);
  });
});
