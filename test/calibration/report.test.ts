import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/core/calibration";
import { MATRIX_COLUMNS } from "../../src/core/matrix";
import type { Grid, WorkbookInput } from "../../src/core/types";
import { AS_OF, knownTruth } from "./helpers";

const MATRIX: Grid = [
  [...MATRIX_COLUMNS],
  ["TRUE", "", "Referral", "Lead", "", "Source", "=", "Referral", 40, "", "", ""],
  ["TRUE", "", "VP", "Lead", "", "Title", "=", "VP", 25, "", "", ""],
  ["TRUE", "", "Intern", "Lead", "", "Title", "=", "Intern", -20, "", "", ""],
  ["TRUE", "", "Big company", "Lead", "", "Employees", ">=", 100, 20, "", "", ""],
  ["TRUE", "", "Noise a", "Lead", "", "Noise", "=", "a", 5, "", "", ""],
];

describe("calibrate", () => {
  const { input, y } = knownTruth(3000);
  const withMatrix: WorkbookInput = { ...input, matrix: MATRIX };
  // Leave some leads open: blank outcome.
  withMatrix.leads = withMatrix.leads.map((r, i) => (i > 0 && i % 10 === 0 ? [...r.slice(0, 5), ""] : r));
  const report = calibrate(withMatrix, { asOf: AS_OF, timeZone: "UTC" });

  it("reports the contract's keys and is plain JSON", () => {
    for (const k of ["auc", "base_rate", "by_tier", "by_decile", "suggested_thresholds", "rules"])
      expect(report).toHaveProperty(k);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("leaves open leads out and counts the rest", () => {
    expect(report.leads_open).toBe(300);
    expect(report.leads_labelled).toBe(2700);
    const conv = y.filter((c, i) => c && (i + 1) % 10 !== 0).length;
    expect(report.conversions).toBe(conv);
    expect(report.base_rate).toBeCloseTo(conv / 2700, 10);
    expect(report.auc!).toBeGreaterThan(0.7);
    expect(report.by_decile).toHaveLength(10);
    expect(report.by_decile.reduce((s, d) => s + d.leads, 0)).toBe(2700);
    expect(report.by_tier.reduce((s, t) => s + t.leads, 0)).toBe(2700);
    expect(report.avg_score.converted!).toBeGreaterThan(report.avg_score.not_converted!);
  });

  it("gives per-rule lift: predictive rules above 1, noise near 1", () => {
    const rule = (label: string) => report.rules.find((r) => r.label === label)!;
    expect(rule("Referral").lift!).toBeGreaterThan(1.5);
    expect(rule("Intern").lift!).toBeLessThan(0.8);
    expect(Math.abs(rule("Noise a").lift! - 1)).toBeLessThan(0.2);
    expect(rule("Referral").rate_with!).toBeGreaterThan(rule("Referral").rate_without!);
  });

  it("suggests a top-tier threshold converting at 3x the base rate", () => {
    const s = report.suggested_thresholds;
    if (s.suggested !== null) {
      expect(s.at_suggested!.rate!).toBeGreaterThanOrEqual(3 * report.base_rate!);
      expect(s.at_suggested!.leads).toBeGreaterThanOrEqual(20);
    }
    expect(s.boundaries.map((b) => b.tier)).toEqual(["Warm", "Hot", "Sales-ready"]);
  });

  it("warns when there are few conversions", () => {
    const small = calibrate(
      { ...withMatrix, leads: withMatrix.leads.slice(0, 40) },
      { asOf: AS_OF, timeZone: "UTC" },
    );
    expect(small.warnings.join(" ")).toMatch(/conversions/);
  });
});

describe("point-in-time backtest", () => {
  // Two leads; the "Contract Signed" activity comes after the conversion of lead a.
  const input: WorkbookInput = {
    leads: [
      ["Email", "Created", "Converted", "Converted At"],
      ["a@x.com", "2025-01-01", "TRUE", "2025-01-20"],
      ["b@x.com", "2025-01-01", "FALSE", ""],
    ],
    activities: [
      ["Timestamp", "Email", "Event", "Detail"],
      ["2025-01-05T10:00:00Z", "a@x.com", "Demo", ""],
      ["2025-01-21T10:00:00Z", "a@x.com", "Contract Signed", ""],
      ["2025-01-03T10:00:00Z", "b@x.com", "Demo", ""],
      ["2025-05-21T10:00:00Z", "b@x.com", "Contract Signed", ""],
    ],
    matrix: [
      [...MATRIX_COLUMNS],
      ["TRUE", "", "Signed", "Activity", "Contract Signed", "", "", "", 50, "", "", 0],
      ["TRUE", "", "Demo", "Activity", "Demo", "", "", "", 10, "", "", 0],
    ],
  };
  const asOf = new Date("2025-02-01T00:00:00Z");

  it("does not use activities after the cut-off", () => {
    const r = calibrate(input, { asOf, timeZone: "UTC", backtest: { mode: "before-conversion", days: 1 } });
    expect(r.backtest.mode).toBe("before-conversion");
    expect(r.backtest.leads_cut).toBe(2);
    expect(r.rules.find((x) => x.label === "Signed")!.fires).toBe(0);
    expect(r.rules.find((x) => x.label === "Demo")!.fires).toBe(2);
    const created = calibrate(input, { asOf, timeZone: "UTC", backtest: { mode: "created-plus", days: 3 } });
    // Created + 3 days: only b's demo (Jan 3) is before the cut.
    expect(created.rules.find((x) => x.label === "Demo")!.fires).toBe(1);
    // However late the cut, a converted lead is scored no later than its conversion.
    const late = calibrate(input, { asOf, timeZone: "UTC", backtest: { mode: "created-plus", days: 365 } });
    expect(late.rules.find((x) => x.label === "Signed")!.fires).toBe(0);
  });

  it("says so when no cut-off is used and activity could leak", () => {
    const r = calibrate(input, { asOf, timeZone: "UTC", backtest: { mode: "none", days: 0 } });
    expect(r.rules.find((x) => x.label === "Signed")!.fires).toBe(1);
    expect(r.warnings.join(" ")).toMatch(/leak|flatter/);
    expect(calibrate(input, { asOf, timeZone: "UTC" }).backtest).toMatchObject({
      mode: "created-plus",
      days: 14,
    });
  });
});
