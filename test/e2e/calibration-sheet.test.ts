// Calibration in the sheet through the built dist/Code.js: the report RPC, Suggest points → Suggested Matrix
// tab, apply / restore with Matrix History, and the Calibration chart tab.
import { beforeAll, describe, expect, it } from "vitest";
import { type LeadColumns, SIDEBAR_FUNCTIONS } from "../../src/contract";
import { MATRIX_COLUMNS, validateWorkbook } from "../../src/core";
import { calibrate, fitMatrix } from "../../src/core/calibration";
import { findColumn } from "../../src/core/headers";
import { type CellValue, type Grid, TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import type { TabValues } from "../../src/local/gas";
import { matrixRows } from "../../src/sheets/matrix-tab";
import { demoTabs, engineOutputs, inputOf, loadAddon, plain } from "./helpers";

const SUGGESTED = "Suggested Matrix";
const HISTORY = "Matrix History";

/** True when `v` survives JSON unchanged: no Date, undefined, NaN/Infinity, class instances or functions. */
function isPlainJson(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isPlainJson);
  if (typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return false; // not a plain object
  return Object.values(v as object).every(isPlainJson);
}

function expectJson<T>(v: T): T {
  expect(isPlainJson(v)).toBe(true);
  expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  return v;
}

const rows = (grid: Grid) => grid.map((r) => r.map((v) => plain(v)));

function scores(tabs: TabValues[], matrix: Grid): Map<number, unknown> {
  const out = engineOutputs({ ...inputOf(tabs), matrix }, DEFAULT_END);
  return new Map([...out].map(([row, o]) => [row, o.Score]));
}

function sheetScores(leads: Grid): Map<number, unknown> {
  const col = findColumn(leads[0], "Score");
  return new Map(leads.slice(1).map((r, i) => [i + 2, r[col]]));
}

const STARTER_SECOND = new Date(Math.floor(DEFAULT_END.getTime() / 1000) * 1000).toISOString();

describe("getCalibration and getLeadColumns", () => {
  const tabs = demoTabs();
  const { runtime, script } = loadAddon(tabs);

  it("returns the report calibrate gives for the same options and as-of, as plain JSON", () => {
    const report = expectJson(script.call("getCalibration", {}));
    expect(report).toEqual(calibrate(inputOf(tabs), { asOf: DEFAULT_END, timeZone: "UTC" }));
    const request = {
      outcomeColumn: "Converted",
      backtest: { mode: "created-plus", days: 7 },
      topTierMultiple: 2,
    };
    expect(expectJson(script.call("getCalibration", request))).toEqual(
      calibrate(inputOf(tabs), {
        outcomeColumn: "Converted",
        backtest: { mode: "created-plus", days: 7 },
        topTierMultiple: 2,
        asOf: DEFAULT_END,
        timeZone: "UTC",
      }),
    );
  });

  it("refuses a bad request with a message", () => {
    expect(() => script.call("getCalibration", { outcomeColumn: "Nope" })).toThrow(/no "Nope" column/);
    expect(() => script.call("getCalibration", { backtest: { mode: "later", days: 1 } })).toThrow(
      /Unknown backtest mode/,
    );
  });

  it("takes the outcome column from Settings when the request names none", () => {
    const custom = demoTabs();
    const leads = custom.find((t) => t.name === TAB.leads)!.values;
    const converted = findColumn(leads[0], "Converted");
    for (const [i, r] of leads.entries()) r.push(i === 0 ? "Won" : r[converted]);
    const settings = custom.find((t) => t.name === TAB.settings)!.values;
    settings.push(settings[0].map((_, c) => (c === 0 ? "Outcome column" : c === 1 ? "Won" : "")));
    const addon = loadAddon(custom);
    const report = addon.script.call("getCalibration", {}) as { outcome_column: string };
    expect(report.outcome_column).toBe("Won");
  });

  it("is in the bundle as top-level functions", () => {
    for (const name of SIDEBAR_FUNCTIONS) {
      expect(script.has(name), name).toBe(true);
    }
  });

  it("lists the Leads headers, the outcome-like ones, and the features with the leaky ones to leave out", () => {
    script.call("scoreAllNow"); // the output columns are on Leads, as in use
    const headers = runtime.values(TAB.leads)[0].map(String);
    expect(headers).toContain("Top Reasons");
    const c = expectJson(script.call("getLeadColumns") as LeadColumns);
    expect(c.columns).toEqual(headers);
    // The demo's only yes/no column; never an output, the key, a name or a number.
    expect(c.outcomes).toEqual(["Converted"]);
    for (const out of [
      "Score",
      "Tier",
      "Grade",
      "Fit Score",
      "Engagement Score",
      "Top Reasons",
      "Scored At",
    ]) {
      expect(headers).toContain(out);
      expect(c.features).not.toContain(out);
    }
    expect(c.features).not.toContain("Email"); // the key
    expect(c.features).toContain("Job Title");
    expect(c.leaveOut).toEqual(["Converted", "Converted At"]);
  });
});

describe("Suggest points, apply and restore", () => {
  // The starter matrix alone (the demo without its second model): the history holds its columns.
  const tabs = demoTabs({ secondModel: false });
  const { runtime, script } = loadAddon(tabs);
  const starter = inputOf(tabs).matrix!;
  const fit = fitMatrix(inputOf(tabs), { asOf: DEFAULT_END, timeZone: "UTC" });
  let summary: {
    tab: string;
    rules: number;
    aucCurrent: number | null;
    aucSuggested: number;
    measuredOn: string;
    flags: string[];
  };
  let suggested: Grid;

  beforeAll(() => {
    runtime.calls.reset();
    summary = expectJson(script.call("suggestPoints", {}) as typeof summary);
    suggested = runtime.values(SUGGESTED);
  });

  it("writes the fitted matrix to a Suggested Matrix tab in one write, with the held-out AUCs", () => {
    expect(summary).toEqual({
      tab: SUGGESTED,
      rules: fit.report.rules,
      aucCurrent: fit.report.auc_current,
      aucSuggested: fit.report.auc_integer,
      measuredOn: `${fit.report.holdout_size} held-out leads`,
      flags: fit.report.flags,
    });
    expect(runtime.calls.count("Range.setValues")).toBe(1);
    expect(runtime.calls.count("Range.getValues")).toBe(5); // each workbook tab read once
    // Same rules and points as fitMatrix gives directly.
    expect(rows(matrixRows(suggested))).toEqual(
      rows(matrixRows(fit.matrix)).map((r) => [true, ...r.slice(1)]),
    );
    const summaryCol = suggested[0].indexOf("Summary");
    const lines = new Map(suggested.slice(1).map((r) => [r[summaryCol], r[summaryCol + 1]]));
    expect(lines.get("AUC, current matrix")).toBeCloseTo(summary.aucCurrent!, 4);
    expect(lines.get("AUC, suggested")).toBeCloseTo(summary.aucSuggested, 4);
    expect(lines.get("Measured on")).toBe(`${fit.report.holdout_size} held-out leads`);
  });

  it("re-imports as a valid matrix", () => {
    const problems = validateWorkbook({ ...inputOf(tabs), matrix: suggested }, "UTC");
    // (The demo's Activity Log has a deliberately bad date: only the matrix's own problems count here.)
    expect(problems.filter((p) => p.tab === TAB.matrix && p.severity === "error")).toEqual([]);
  });

  it("puts the current matrix's points beside each suggestion (same label or same condition)", () => {
    const h = suggested[0];
    expect(h[h.indexOf("Points") + 1]).toBe("Current Points");
    const current = suggested.slice(1).map((r) => r[h.indexOf("Current Points")]);
    const label = (r: CellValue[]) => r[h.indexOf("Rule")];
    const col = (name: string) => findColumn(starter[0], name);
    const key = (row: CellValue[], hh: CellValue[]) =>
      ["Source", "Event", "Field", "Operator", "Value"]
        .map((n) =>
          String(row[findColumn(hh, n)] ?? "")
            .trim()
            .toLowerCase(),
        )
        .join("|");
    suggested.slice(1).forEach((r, i) => {
      // The starter rule with the same label, else the same condition.
      const match =
        starter
          .slice(1)
          .find((s) => String(s[col("Rule")]).toLowerCase() === String(label(r)).toLowerCase()) ??
        starter.slice(1).find((s) => key(s, starter[0]) === key(r, h));
      const expected = match ? match[col("Points")] : "";
      expect(current[i], String(label(r))).toBe(expected);
    });
    expect(current.filter((c) => c !== "").length).toBeGreaterThan(0);
  });

  it("applies the suggestion: the old matrix goes to Matrix History, the Scoring Matrix becomes the suggestion, leads are rescored", () => {
    const before = sheetScores(runtime.values(TAB.leads));
    runtime.calls.reset();
    const state = expectJson(script.call("applySuggestedMatrix") as { scores: number[] });

    const history = runtime.values(HISTORY);
    expect(history[0]).toEqual(["Saved At", ...MATRIX_COLUMNS]);
    expect(history.slice(1).every((r) => plain(r[0]) === STARTER_SECOND)).toBe(true);
    expect(rows(matrixRows(history))).toEqual(rows(matrixRows(starter)));

    const matrix = runtime.values(TAB.matrix);
    expect(matrix[0]).toEqual(starter[0]); // the user's header row is kept
    expect(rows(matrixRows(matrix))).toEqual(rows(matrixRows(suggested)));
    expect(matrix.length).toBe(Math.max(starter.length, suggested.length)); // old rows past the end blanked
    expect(matrix.slice(suggested.length).every((r) => r.every((v) => v === ""))).toBe(true);

    const after = sheetScores(runtime.values(TAB.leads));
    expect(after).toEqual(scores(tabs, matrix));
    expect(after).not.toEqual(before);
    expect(state.scores).toEqual([...after.values()]);

    expect(expectJson(script.call("listMatrixVersions"))).toEqual([
      { savedAt: STARTER_SECOND, rules: matrixRows(starter).length },
    ]);
  });

  it("restores the old matrix and keeps the replaced one in history too", () => {
    const applied = runtime.values(TAB.matrix);
    expectJson(script.call("restoreMatrix", STARTER_SECOND));

    const matrix = runtime.values(TAB.matrix);
    expect(rows(matrixRows(matrix))).toEqual(rows(matrixRows(starter)));
    expect(matrix).toHaveLength(starter.length); // the longer matrix's last rows were blanked
    expect(sheetScores(runtime.values(TAB.leads))).toEqual(scores(tabs, starter));

    // Same clock second as the first save: the new version is stamped one second later, never merged.
    const next = new Date(Date.parse(STARTER_SECOND) + 1000).toISOString();
    expect(expectJson(script.call("listMatrixVersions"))).toEqual([
      { savedAt: next, rules: matrixRows(applied).length },
      { savedAt: STARTER_SECOND, rules: matrixRows(starter).length },
    ]);
    expectJson(script.call("restoreMatrix", next));
    expect(rows(matrixRows(runtime.values(TAB.matrix)))).toEqual(rows(matrixRows(applied)));
    expect(() => script.call("restoreMatrix", "2020-01-01T00:00:00Z")).toThrow(/No matrix saved at/);
  });

  it("refuses to apply a suggestion edited into an invalid matrix", () => {
    const h = suggested[0];
    runtime.edit(`'${SUGGESTED}'!${String.fromCharCode(65 + h.indexOf("Operator"))}3`, "is roughly");
    expect(() => script.call("applySuggestedMatrix")).toThrow(/Suggested Matrix tab has 1 problem/);
  });
});

describe("Create chart tab", () => {
  const tabs = demoTabs();
  const { runtime, script } = loadAddon(tabs);
  const report = calibrate(inputOf(tabs), { asOf: DEFAULT_END, timeZone: "UTC" });

  it("writes the report's tables and builds four native charts over them", () => {
    runtime.calls.reset();
    expect(expectJson(script.call("createChartTab", {}))).toEqual({ tab: "Calibration", charts: 4 });
    expect(runtime.calls.count("Range.setValues")).toBe(5); // summary + four tables
    expect(runtime.calls.count("Sheet.insertChart")).toBe(4);

    const state = runtime.inspect("Calibration");
    expect(state.charts.map((c) => [c.type, c.options.title])).toEqual([
      ["COMBO", "Conversion rate by tier"],
      ["COMBO", "Conversion rate by score decile"],
      ["COLUMN", "Score distribution: converted vs not"],
      ["LINE", `ROC curve (AUC ${report.auc!.toFixed(3)})`],
    ]);
    const values = state.values;
    const block = (a1: string) => {
      const [from, to] = a1.split(":").map((c) => Number(c.replace(/^[A-Z]+/, "")));
      return values.slice(from - 1, to);
    };
    const [tier, decile, dist, roc] = state.charts.map((c) => block(c.ranges[0]));
    expect(tier[0].slice(0, 3)).toEqual(["Tier", "Conversion rate", "Base rate"]);
    // Rates are held as the "0.0%" format shows them (33.3%), not 0.3333333.
    const shown = (x: number | null) => (x === null ? "" : Math.round(x * 1000) / 1000);
    expect(tier.slice(1).map((r) => [r[0], r[1]])).toEqual(
      report.by_tier.map((t) => [t.tier, shown(t.rate)]),
    );
    expect(decile.slice(1).map((r) => r[1])).toEqual(report.by_decile.map((d) => shown(d.rate)));
    expect(dist.length - 1).toBe(report.score_distribution.length);
    const at = (x: number) => Math.round(x * 10000) / 10000;
    expect(roc.slice(1).map((r) => [r[0], r[1]])).toEqual(report.roc.map((p) => [at(p.fpr), at(p.tpr)]));
    const rates = [tier, decile, dist].flatMap((b) => b.slice(1).flatMap((r) => [r[1], r[2]]));
    expect(rates.some((x) => typeof x === "number" && x > 0 && x < 1)).toBe(true);
    for (const x of rates)
      if (typeof x === "number") expect(Math.abs(x * 1000 - Math.round(x * 1000))).toBeLessThan(1e-9);
    const baseRate = values.find((r) => r[0] === "Base rate")![1] as number;
    expect(baseRate).toBe(shown(report.base_rate));
    expect(
      runtime
        .sheet("Calibration")
        .getRange(values.findIndex((r) => r[0] === "Base rate") + 1, 2)
        .getDisplayValue(),
    ).toMatch(/^\d+\.\d%$/);
    expect(state.charts.every((c) => c.numHeaders === 1 && c.ranges[0].startsWith("A"))).toBe(true);
    expect(new Set(state.charts.map((c) => `${c.position.row},${c.position.column}`)).size).toBe(4);
  });

  it("replaces the charts on a rerun instead of adding more", () => {
    const first = runtime.inspect("Calibration");
    expect(script.call("createChartTab", {})).toEqual({ tab: "Calibration", charts: 4 });
    const second = runtime.inspect("Calibration");
    expect(second.charts).toHaveLength(4);
    expect(second.charts.map((c) => c.id)).not.toEqual(first.charts.map((c) => c.id));
    expect(second.charts.map(({ id: _, ...c }) => c)).toEqual(first.charts.map(({ id: _, ...c }) => c));
    expect(rows(second.values)).toEqual(rows(first.values));
  });
});
