// The fit on the demo workbook, whose truth is known (src/demo/model.ts): conversion rises with seniority,
// a demo request and pricing views, falls with free-mail and .edu addresses. The fitted matrix must find
// those, never lean on names or other identifiers, and rank held-out leads at least as well as the
// hand-written starter matrix scored on the same leads at the same cut-offs.
import { describe, expect, it } from "vitest";
import { scoreWorkbook } from "../../src/core";
import { fitMatrix } from "../../src/core/calibration";
import type { Grid, WorkbookInput } from "../../src/core/types";
import { DEFAULT_END, demoWorkbook } from "../../src/demo";

const { tabs } = demoWorkbook({ leads: 2000, secondModel: false });
const tab = (name: string): Grid => tabs.find((t) => t.name === name)!.values;
const input: WorkbookInput = {
  leads: tab("Leads"),
  activities: tab("Activity Log"),
  matrix: tab("Scoring Matrix"),
  settings: tab("Settings"),
  lists: tab("Lists"),
};
const options = { timeZone: "UTC", asOf: DEFAULT_END };

describe("fitMatrix on the demo workbook", () => {
  const fit = fitMatrix(input, options);
  const rules = fit.matrix.slice(1).filter((r) => r[1] !== "Baseline");
  const points = (pred: (r: unknown[]) => boolean) =>
    rules.filter(pred).reduce((s, r) => s + Number(r[8]), 0);

  it("never puts a rule on a name, company or identifier column", () => {
    const fields = new Set(rules.map((r) => String(r[5])));
    for (const f of ["First Name", "Last Name", "Company", "Email", "Owner", "Created", "Converted At"])
      expect(fields.has(f)).toBe(false);
    const skipped = new Map(fit.report.excluded_columns.map((c) => [c.column, c.reason]));
    expect(skipped.get("First Name")).toMatch(/identifier-like|free text/);
    expect(skipped.get("Company")).toMatch(/identifier-like|free text/);
  });

  it("finds the strong true signals with the right sign", () => {
    expect(points((r) => r[4] === "Demo Request")).toBeGreaterThan(0);
    expect(points((r) => r[4] === "Page View" && String(r[7]).startsWith("/pricing"))).toBeGreaterThan(0);
    // Seniority and e-mail kind act through several rules (keywords, domain kinds, correlated columns),
    // so judge them by the Fit points the engine gives each kind of lead.
    const run = scoreWorkbook({ ...input, matrix: fit.matrix }, options);
    const leads = input.leads;
    const h = leads[0].map((x) => String(x));
    const title = h.indexOf("Job Title");
    const email = h.indexOf("Email");
    const fitOf = new Map(
      run.leads.map((l) => [l.sheetRow, l.groups.find((g) => g.group === "Fit")?.total ?? 0]),
    );
    const mean = (test: (row: unknown[]) => boolean) => {
      const xs: number[] = [];
      for (let r = 1; r < leads.length; r++) if (test(leads[r])) xs.push(fitOf.get(r + 1) ?? 0);
      return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    };
    const senior = /\b(vp|vice president|chief|ceo|cmo|coo|head|director)\b/i;
    const junior = /\b(intern|student|coordinator|associate|analyst|specialist)\b/i;
    expect(mean((r) => senior.test(String(r[title])))).toBeGreaterThan(
      mean((r) => junior.test(String(r[title]))),
    );
    const domain = (r: unknown[]) => String(r[email]).toLowerCase().split("@")[1] ?? "";
    const free = new Set(
      tab("Lists")
        .slice(1)
        .map((r) => String(r[0]).toLowerCase())
        .filter(Boolean),
    );
    const business = mean((r) => !free.has(domain(r)) && !domain(r).endsWith(".edu"));
    expect(mean((r) => free.has(domain(r)))).toBeLessThan(business);
    expect(mean((r) => domain(r).endsWith(".edu"))).toBeLessThan(business);
  });

  it("ranks held-out leads at least as well as the starter matrix, measured the same way", () => {
    const r = fit.report;
    expect(r.holdout_size).toBeGreaterThan(300);
    expect(r.auc_current).not.toBeNull();
    expect(r.auc_integer!).toBeGreaterThanOrEqual(r.auc_current! - 0.01);
    expect(r.engine_problems).toBe(0);
    expect(r.rules).toBeLessThanOrEqual(40);
  });

  it("writes activity rules the engine computes exactly as the fitted feature", () => {
    // Decayed, capped activity rules: the integer matrix scores the holdout as the rounded model does.
    const r = fit.report;
    expect(Math.abs(r.auc_integer! - r.auc_merged!)).toBeLessThan(0.01);
    const act = rules.filter((x) => x[3] === "Activity");
    expect(act.length).toBeGreaterThan(3);
    for (const x of act) expect(Number(x[9])).toBeGreaterThanOrEqual(1);
    expect(String(act[0][11])).toBe(String(r.activity_timing.half_life_days));
  });
});
