import { describe, expect, it } from "vitest";
import { scoreWorkbook } from "../../src/core";
import { fitMatrix } from "../../src/core/calibration";
import { MATRIX_COLUMNS } from "../../src/core/calibration/engine";
import { AS_OF, knownTruth } from "./helpers";
import { synthetic } from "./synthetic";

const points = (matrix: unknown[][], label: string) => {
  const row = matrix.find((r) => r[2] === label);
  return row ? Number(row[8]) : undefined;
};

describe("fitMatrix", () => {
  const { input } = knownTruth(6000);
  const fit = fitMatrix(input, { timeZone: "UTC", asOf: AS_OF });

  it("writes a matrix with the engine's headers and a readable label per rule", () => {
    expect(fit.matrix[0]).toEqual([...MATRIX_COLUMNS]); // no Only If column: no interaction in this world
    expect(fit.report.interactions).toEqual([]);
    for (const row of fit.matrix.slice(1)) expect(String(row[2]).length).toBeGreaterThan(0);
    expect(fit.matrix.length - 1).toBeLessThanOrEqual(40);
  });

  it("recovers the strong rules with the right signs and order", () => {
    const referral = points(fit.matrix, "Source = Referral")!;
    const cold = points(fit.matrix, "Source = Cold Call")!;
    const vp = points(fit.matrix, "Title = VP")!;
    const intern = points(fit.matrix, "Title = Intern")!;
    expect(referral).toBeGreaterThan(0);
    expect(cold).toBeLessThan(0);
    expect(vp).toBeGreaterThan(0);
    expect(intern).toBeLessThan(0);
    expect(referral).toBeGreaterThan(vp); // 2.2 vs 1.2 log-odds
    expect(cold).toBeLessThan(intern); // -2.0 vs -1.4
    // Employees: the top bin beats the bottom one.
    const emp = fit.matrix.filter((r) => r[5] === "Employees").map((r) => Number(r[8]));
    expect(emp[emp.length - 1]).toBeGreaterThan(emp[0]);
    // The noise column earns little.
    const noise = fit.matrix.filter((r) => r[5] === "Noise").map((r) => Math.abs(Number(r[8])));
    expect(Math.max(0, ...noise)).toBeLessThan(Math.abs(referral) / 4);
  });

  it("never uses the key or the outcome, and re-imports into the engine with no problems", () => {
    expect(fit.matrix.slice(2).some((r) => r[5] === "Email" || r[5] === "Converted")).toBe(false);
    const run = scoreWorkbook({ ...input, matrix: fit.matrix }, { asOf: AS_OF, timeZone: "UTC" });
    expect(run.problems).toEqual([]);
    expect(fit.report.engine_problems).toBe(0);
  });

  it("keeps the integer matrix within 1% of the model's held-out AUC", () => {
    const r = fit.report;
    expect(Math.abs(r.holdout_size - 1500)).toBeLessThanOrEqual(2);
    expect(r.auc_integer!).toBeGreaterThan(0.99 * r.auc_model!);
    expect(r.auc_model!).toBeGreaterThan(0.75);
  });

  it("flags a leaky column and leaves it out unless allowed", () => {
    const s = synthetic({ leads: 3000, leaky: true });
    const f = fitMatrix(s.input, { timeZone: "UTC", asOf: AS_OF, holdout: 0 });
    expect(f.report.leakage.some((l) => l.column === "Status" && l.excludes)).toBe(true);
    expect(f.matrix.some((r) => r[5] === "Status")).toBe(false);
    expect(f.report.excluded_columns.find((c) => c.column === "Name")?.reason).toMatch(/identifier/);
    const allowed = fitMatrix(s.input, {
      timeZone: "UTC",
      asOf: AS_OF,
      holdout: 0,
      allowLeakage: ["Status"],
    });
    expect(allowed.matrix.some((r) => r[5] === "Status")).toBe(true);
  });

  it("respects --exclude and --max-rules", () => {
    const f = fitMatrix(input, { timeZone: "UTC", asOf: AS_OF, exclude: ["Title"], maxRules: 8, holdout: 0 });
    expect(f.matrix.some((r) => r[5] === "Title")).toBe(false);
    expect(f.matrix.length - 1).toBeLessThanOrEqual(8);
  });

  it("learns activity rules at the point-in-time cut, so post-conversion events do not leak", () => {
    const s = synthetic({ leads: 4000, activities: true });
    const f = fitMatrix(s.input, { timeZone: "UTC", asOf: AS_OF, holdout: 0 });
    expect(f.report.backtest.mode).toBe("created-plus");
    expect(f.report.activity_events).not.toContain("Contract Signed");
    expect(f.matrix.some((r) => r[3] === "Activity" && r[4] === "Webinar")).toBe(true);
    const leaky = fitMatrix(s.input, {
      timeZone: "UTC",
      asOf: AS_OF,
      holdout: 0,
      backtest: { mode: "none", days: 0 },
    });
    expect(leaky.report.activity_events).toContain("Contract Signed");
  });
});
