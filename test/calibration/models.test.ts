// Calibration per model: `calibrate --model M` reports model M's scores, tiers and rules (as a workbook of
// model M alone would); an unknown name fails listing the models.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";
import { CalibrationError, calibrate, fitMatrix, keptRulesNote } from "../../src/core/calibration";
import { MATRIX_COLUMNS } from "../../src/core/matrix";
import type { Grid, WorkbookInput } from "../../src/core/types";
import { toCsv } from "../../src/local/workbook";
import { AS_OF, knownTruth } from "./helpers";

/** The matrix's rules of `model` ("" = default), other rows blanked (rows keep their sheet rows), without the Model column. */
const onlyModel = (matrix: Grid, model: string): Grid => {
  const col = matrix[0].indexOf("Model");
  return matrix.map((r, i) =>
    r
      .filter((_, c) => c !== col)
      .map((v) => (i === 0 || String(r[col]).toLowerCase() === model.toLowerCase() ? v : "")),
  );
};

/** Model Enterprise's own tiers, in the Settings Tier table's Model column; the default model keeps the default tiers. */
const SETTINGS: Grid = [
  ["Setting", "Value", "", "Tier", "Min Score", "Notify", "Model"],
  ["Lead key", "Email", "", "Small", 0, false, "Enterprise"],
  ["", "", "", "Big", 25, true, "enterprise "],
];
/** The same tiers as a workbook of model Enterprise alone would have them. */
const ENTERPRISE_SETTINGS: Grid = SETTINGS.map((r) => r.slice(0, -1));

const rule = (
  model: string,
  label: string,
  field: string,
  op: string,
  value: string | number,
  points: number,
) => [
  ...MATRIX_COLUMNS.map(
    (h) =>
      ({
        Active: "TRUE",
        Rule: label,
        Source: "Lead",
        Field: field,
        Operator: op,
        Value: value,
        Points: points,
      })[h as "Rule"] ?? "",
  ),
  model,
];

const MATRIX: Grid = [
  [...MATRIX_COLUMNS, "Model"],
  rule("", "Referral", "Source", "=", "Referral", 40),
  rule("", "VP", "Title", "=", "VP", 25),
  rule("Enterprise", "Big company", "Employees", ">=", 100, 30),
  rule("enterprise", "Intern", "Title", "=", "Intern", -20),
];

describe("calibrate per model", async () => {
  const { input: truth } = knownTruth(400);
  const input: WorkbookInput = { ...truth, settings: SETTINGS, matrix: MATRIX };
  const options = { asOf: AS_OF, timeZone: "UTC" };
  const alone = (model: string, settings = truth.settings) =>
    calibrate({ ...truth, settings, matrix: onlyModel(MATRIX, model) }, options);

  it("--model picks that model's scores, tiers and rules", () => {
    const r = calibrate(input, { ...options, model: "ENTERPRISE" });
    const m = alone("Enterprise", ENTERPRISE_SETTINGS);
    expect(r.model).toBe("Enterprise");
    expect(r.auc).toBe(m.auc);
    expect(r.by_tier).toEqual(m.by_tier);
    expect(r.by_tier.map((t) => t.tier)).toEqual(["Small", "Big"]);
    expect(r.by_decile).toEqual(m.by_decile);
    expect(r.suggested_thresholds).toEqual(m.suggested_thresholds);
    expect(r.rules.map((x) => [x.label, x.fires])).toEqual(m.rules.map((x) => [x.label, x.fires]));
    expect(r.auc).not.toBe(alone("").auc);
  });

  it("the default model is the rules with a blank Model, and the report names no model", () => {
    const r = calibrate(input, options);
    expect(r).not.toHaveProperty("model");
    expect(r.auc).toBe(alone("").auc);
    expect(r.rules.map((x) => x.label)).toEqual(["Referral", "VP"]);
  });

  it("an unknown model fails, listing the models", () => {
    const failure = () => calibrate(input, { ...options, model: "SMB" });
    expect(failure).toThrow(CalibrationError);
    expect(failure).toThrow('The Scoring Matrix has no model "SMB"; its models are "Enterprise".');
  });

  const dir = await mkdtemp(join(tmpdir(), "leadscore-models-"));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, "Leads.csv"), toCsv(input.leads));
  await writeFile(join(dir, "Settings.csv"), toCsv(input.settings!));
  await writeFile(join(dir, "Scoring Matrix.csv"), toCsv(MATRIX));
  const run = async (command: string, ...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main([command, dir, "--as-of", AS_OF.toISOString(), ...args], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
  const cli = (...args: string[]) => run("calibrate", ...args);

  it("leadscore calibrate --model reports the model; an unknown one exits 1 naming the models", async () => {
    const json = await cli("--model", "Enterprise", "--json");
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(report.model).toBe("Enterprise");
    expect(report.auc).toBe(calibrate(input, { ...options, model: "Enterprise" }).auc);
    const text = await cli("--model", "Enterprise");
    expect(text.out.split("\n")[0]).toBe("Model: Enterprise");
    const bad = await cli("--model", "SMB");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('no model "SMB"; its models are "Enterprise". Name one of those with --model');
  });

  it("leadscore fit --model takes the same option: the model's fitted rules, the other rows kept", async () => {
    const fit = await run("fit", "--model", "enterprise", "--no-interactions", "--holdout", "0");
    expect(fit.code).toBe(0);
    expect(fit.out.split("\n")[0]).toBe("Model: Enterprise");
    expect(fit.out).toContain(
      "Only model Enterprise is fitted; the other models' 2 rows follow its rules unchanged",
    );
    const bad = await run("fit", "--model", "SMB");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('no model "SMB"; its models are "Enterprise". Name one of those with --model');
  });
});

describe("fit per model", () => {
  const { input: truth } = knownTruth(400);
  // A named model's output column, which a fit must never take for a feature.
  const leads = truth.leads.map((r, i) => [
    ...r,
    i === 0 ? "Enterprise Tier" : r[1] === "Referral" ? "Big" : "Small",
  ]);
  const input: WorkbookInput = { ...truth, leads, settings: SETTINGS, matrix: MATRIX };
  const options = { asOf: AS_OF, timeZone: "UTC", interactions: false };
  const rows = (m: Grid, model: string) => {
    const col = m[0].indexOf("Model");
    return m.slice(1).filter((r) => String(r[col]).trim().toLowerCase() === model.toLowerCase());
  };
  const at = (h: string) => MATRIX[0].indexOf(h);

  it("fits the default model and keeps the other models' rows, Model cells included", () => {
    const { matrix, report } = fitMatrix(input, options);
    expect(matrix[0]).toEqual([...MATRIX_COLUMNS, "Model"]);
    const enterprise = matrix.slice(1).filter((r) => String(r[at("Model")]).trim() !== "");
    expect(enterprise).toEqual(MATRIX.slice(3));
    expect(matrix.slice(-2)).toEqual(MATRIX.slice(3));
    expect(rows(matrix, "").length).toBe(report.rules);
    expect(report).not.toHaveProperty("model");
    expect(report.kept_rules).toBe(2);
    expect(keptRulesNote(report)).toBe(
      "Only the default model (blank Model) is fitted; the other models' 2 rows follow its rules unchanged, Model cells included.",
    );
    expect(report.features.map((f) => f.column)).not.toContain("Enterprise Tier");
  });

  it("--model fits that model: its rules take its Model, the default model's rows are kept", () => {
    const { matrix, report } = fitMatrix(input, { ...options, model: " ENTERPRISE" });
    expect(report.model).toBe("Enterprise");
    expect(rows(matrix, "Enterprise").length).toBe(report.rules);
    expect(rows(matrix, "")).toEqual(MATRIX.slice(1, 3));
    expect(report.kept_rules).toBe(2);
    // Compared with the model's own current scores, not the default model's.
    expect(report.auc_current).not.toBe(fitMatrix(input, options).report.auc_current);
    expect(() => fitMatrix(input, { ...options, model: "SMB" })).toThrow(
      'The Scoring Matrix has no model "SMB"; its models are "Enterprise".',
    );
  });
});
