// Calibration per model: `calibrate --model M` reports model M's scores, tiers and rules; an unknown name
// fails listing the models. The engine is stood in for at its one seam (engine.ts): each model is scored by
// the real engine on its own rules (the matrix's Model column) and attached as run.models, as the engine
// does itself once it scores models.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main";
import { CalibrationError, calibrate } from "../../src/core/calibration";
import { MATRIX_COLUMNS } from "../../src/core/matrix";
import type { Grid, WorkbookInput } from "../../src/core/types";
import { toCsv } from "../../src/local/workbook";
import { AS_OF, knownTruth } from "./helpers";

const { ENTERPRISE_SETTINGS, onlyModel } = vi.hoisted(() => {
  /** The matrix's rules of `model` ("" = default), other rows blanked (rows keep their sheet rows), without the Model column. */
  const onlyModel = (matrix: Grid, model: string): Grid => {
    const col = matrix[0].indexOf("Model");
    return matrix.map((r, i) =>
      r
        .filter((_, c) => c !== col)
        .map((v) => (i === 0 || String(r[col]).toLowerCase() === model.toLowerCase() ? v : "")),
    );
  };
  const ENTERPRISE_SETTINGS: Grid = [
    ["Setting", "Value", "", "Tier", "Min Score", "Notify"],
    ["Lead key", "Email", "", "Small", 0, false],
    ["", "", "", "Big", 25, true],
  ];
  return { ENTERPRISE_SETTINGS, onlyModel };
});

vi.mock("../../src/core/calibration/engine", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/core/calibration/engine")>();
  return {
    ...real,
    scoreWorkbook: (input: WorkbookInput, options: Parameters<typeof real.scoreWorkbook>[1]) => {
      if (!input.matrix?.[0]?.includes("Model")) return real.scoreWorkbook(input, options);
      const run = real.scoreWorkbook({ ...input, matrix: onlyModel(input.matrix, "") }, options);
      const m = real.scoreWorkbook(
        { ...input, matrix: onlyModel(input.matrix, "Enterprise"), settings: ENTERPRISE_SETTINGS },
        options,
      );
      run.models = [{ ...m, model: "Enterprise" }];
      return run;
    },
  };
});

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
  const input: WorkbookInput = { ...truth, matrix: MATRIX };
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
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(["calibrate", dir, "--as-of", AS_OF.toISOString(), ...args], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

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
});
